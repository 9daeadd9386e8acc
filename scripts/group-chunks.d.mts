/** Options of {@link groupChunks}. */
export interface GroupChunksOptions {
  /** The build's output directory. */
  readonly outDir: string;
  /** The entries whose ES modules are regrouped, as output names (`index`, `stores/memory`). */
  readonly entries: readonly string[];
  /** Entries rebuilt as one self-contained file each (the files behind `#hmac`). */
  readonly standalone?: readonly string[];
}

/** Regroups the ES module chunks of `outDir`: one shared chunk for what the root entry loads. */
export function groupChunks(options: GroupChunksOptions): Promise<void>;
