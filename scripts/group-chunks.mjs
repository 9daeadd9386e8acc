// Regroups the ES module chunks of the library build into fewer files.
//
// esbuild's code splitting gives every distinct set of entry points that share code a chunk of
// its own: `import 'sms-webhooks/fetch'` loaded fifteen files. On Node each module file costs the
// loader a millisecond or more to resolve, read, compile and link, whatever its size, so most of a
// cold import went to the count of files, not their bytes. This pass runs rollup over the built ES
// modules and puts every chunk the root entry loads into one shared chunk: the root entry, the
// Fetch and Node handlers and each provider's entry then load three or four files.
//
// - Chunks the root entry does not load (the handlers' pipeline, the testing kit's helpers) stay
//   as rollup splits them, so the stores still load nothing of the providers.
// - The files behind a package.json `imports` specifier (`#hmac`) are rebuilt as one file each,
//   with their few helpers copied in: the shared chunk imports them, so they must not import it
//   back (its bindings would not be ready yet), and a chunk of their own would be one more file.
// - Code stays shared between entries (one `SmsWebhookError` class whichever entry throws it), and
//   bundlers still drop what an application does not import: esbuild's pure annotations are kept.
// - The CommonJS files are written from the same ES modules, grouped the same way: `require`
//   costs less per file than `import`, but fifteen files still cost it a few milliseconds.
//
//   groupChunks({ outDir: 'dist', entries: [...], standalone: ['hmac', 'hmac-node'] })
//   (tsup.config.ts, onSuccess)

import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { rollup } from 'rollup';

/** The entry whose chunks make up the shared chunk: it loads every provider and the registry. */
const ROOT_ENTRY = 'index';

/** Specifiers that stay imports: resolved by package.json `imports` or built into the runtime. */
const external = (id) => id.startsWith('#') || id.startsWith('node:');

/** The formats written, each from the ES modules esbuild built, with its file extension. */
const FORMATS = [
  ['es', '.js'],
  ['cjs', '.cjs'],
];

/** Rollup warnings are errors here: the pass must not change what the build means. */
const onwarn = (warning) => {
  throw new Error(`group-chunks: ${warning.message}`);
};

/**
 * Rebuilds the ES modules and CommonJS files of `outDir` from its ES modules (`<name>.js` for each
 * name of `entries` and `standalone`, relative to `outDir`): every chunk the root entry reaches
 * becomes one shared chunk, and each `standalone` entry one self-contained file. Replaces the entry
 * files and the old chunks of both formats in place; leaves the `.d.ts` and `.d.cts` files alone.
 */
export async function groupChunks({ outDir, entries, standalone = [] }) {
  const dir = resolve(outDir);
  const fileOf = (name) => join(dir, `${name}.js`);
  if (!entries.includes(ROOT_ENTRY)) throw new Error(`group-chunks: no "${ROOT_ENTRY}" entry`);
  const rootEntry = fileOf(ROOT_ENTRY);
  const isChunk = (id) => relative(dir, id).split(sep).at(-1).startsWith('chunk-');

  // The modules the root entry loads, walked down its static imports once rollup has read them.
  let fromRoot;
  const reachedFromRoot = (id, getModuleInfo) => {
    if (fromRoot === undefined) {
      fromRoot = new Set();
      const walk = (module) => {
        if (fromRoot.has(module)) return;
        fromRoot.add(module);
        for (const imported of getModuleInfo(module)?.importedIds ?? []) walk(imported);
      };
      walk(rootEntry);
    }
    return fromRoot.has(id);
  };

  const scratch = await mkdtemp(join(dirname(dir), '.group-chunks-'));
  try {
    const grouped = await rollup({
      input: Object.fromEntries(entries.map((name) => [name, fileOf(name)])),
      external,
      onwarn,
    });
    for (const [format, extension] of FORMATS) {
      await grouped.write({
        dir: scratch,
        format,
        entryFileNames: `[name]${extension}`,
        chunkFileNames: `chunk-[hash]${extension}`,
        manualChunks: (id, { getModuleInfo }) =>
          isChunk(id) && reachedFromRoot(id, getModuleInfo) ? 'shared' : undefined,
      });
    }
    await grouped.close();
    for (const name of standalone) {
      const single = await rollup({ input: fileOf(name), external, onwarn });
      for (const [format, extension] of FORMATS) {
        await single.write({ file: join(scratch, `${name}${extension}`), format });
      }
      await single.close();
    }

    // Replace the old files of both formats: every entry file and every chunk.
    for (const name of [...entries, ...standalone]) {
      for (const [, extension] of FORMATS) await rm(join(dir, `${name}${extension}`));
    }
    const built = (file) => FORMATS.some(([, extension]) => file.endsWith(extension));
    for (const file of await readdir(dir)) {
      if (file.startsWith('chunk-') && built(file)) await rm(join(dir, file));
    }
    for (const file of await readdir(scratch, { recursive: true })) {
      if (built(file)) await rename(join(scratch, file), join(dir, file));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
