import { readFileSync } from 'node:fs';

/** One ```ts block of README.md, by the line its fence opens on. */
export interface ReadmeSnippet {
  /** The README line of the opening fence. */
  readonly line: number;
  /** The block's code, without the fences. */
  readonly code: string;
  /** A file name for it, `snippet-<line>`, without extension. */
  readonly file: string;
}

/** Every TypeScript block of README.md, in order. */
export function readmeSnippets(): ReadmeSnippet[] {
  const lines = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').split('\n');
  const snippets: ReadmeSnippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (lines[index] !== '```ts') continue;
    const start = index;
    const body: string[] = [];
    while (lines[++index] !== '```') {
      if (index >= lines.length) throw new Error(`unclosed block at README.md:${start + 1}`);
      body.push(lines[index] ?? '');
    }
    snippets.push({ line: start + 1, code: body.join('\n'), file: `snippet-${start + 1}` });
  }
  return snippets;
}

/** The one README block that contains `marker`; fails when none or several do. */
export function readmeSnippet(marker: string): ReadmeSnippet {
  const found = readmeSnippets().filter((snippet) => snippet.code.includes(marker));
  if (found.length !== 1) {
    throw new Error(`${found.length} README blocks contain ${JSON.stringify(marker)}`);
  }
  return found[0] as ReadmeSnippet;
}
