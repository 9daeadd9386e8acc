import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { sourceFiles } from '../support/source-files.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

// The modules below the providers: they take a provider id as a plain string and must not reach
// providers/ through any chain of imports (type imports included).
const lowLayers = [
  'src/bytes.ts',
  'src/decode-body.ts',
  'src/errors/',
  'src/event-types.ts',
  'src/is-json-object.ts',
  'src/issues.ts',
  'src/normalize/',
  'src/validate.ts',
  'src/verify/',
];

/** Every module of src/ (tests left out) and the src/ modules it imports, as paths from the root. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')))
      .filter((path) => path.startsWith(src) && path.endsWith('.ts'))
      .map((path) => relative(root, path));
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** The cycles of a graph: each strongly connected component with more than one module, or a self-import. */
function cycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The modules a module reaches through any chain of imports. */
function reachable(graph: Map<string, string[]>, from: string): Set<string> {
  const seen = new Set<string>();
  const pending = [...(graph.get(from) ?? [])];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    pending.push(...(graph.get(node) ?? []));
  }
  return seen;
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  test('sees the modules and their imports', () => {
    // Guards the checks below against a graph that is silently empty.
    expect(graph.get('src/index.ts')).toContain('src/parse.ts');
    expect(graph.get('src/events.ts')).toContain('src/providers/index.ts');
    expect(graph.size).toBeGreaterThan(50);
  });

  test('has no import cycles, type imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  test('finds a cycle when there is one', () => {
    const withCycle = new Map(graph);
    withCycle.set('src/issues.ts', [...(graph.get('src/issues.ts') ?? []), 'src/validate.ts']);
    expect(cycles(withCycle)).toContainEqual(['src/issues.ts', 'src/validate.ts']);
  });

  test.each(lowLayers)('%s reaches nothing in src/providers/', (layer) => {
    const modules = [...graph.keys()].filter((file) =>
      layer.endsWith('/') ? file.startsWith(layer) : file === layer,
    );
    expect(modules.length, layer).toBeGreaterThan(0);
    for (const module of modules) {
      const upward = [...reachable(graph, module)].filter((file) =>
        file.startsWith('src/providers/'),
      );
      expect(upward, module).toEqual([]);
    }
  });
});
