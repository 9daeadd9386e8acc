/** One library entry point: its output name, its source file and its gzipped size budget in bytes. */
export interface EntryPoint {
  /** The output name, `index` for the package root, else the subpath without `./`. */
  readonly name: string;
  /** The source file, from the repository root. */
  readonly source: string;
  /** The gzipped size budget in bytes. */
  readonly budget: number;
}

/** The providers of src/providers/list.ts: their folder (the id) and export name stem. */
export function registeredProviders(root?: string): { id: string; name: string }[];
/** Every library entry point, the providers right after `index`. */
export function entryPoints(root?: string): EntryPoint[];
/** The tsup `entry` option of the library build: output name → source file. */
export function libraryEntries(root?: string): Record<string, string>;
/** The generated files as they should be: path → expected text. */
export function expectedFiles(root?: string): Record<string, string>;
/** The generated files whose text on disk differs from what it should be. */
export function staleFiles(root?: string): string[];
