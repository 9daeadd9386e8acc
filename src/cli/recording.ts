import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isJsonObject } from '../is-json-object.js';
import { getProvider, type ProviderId } from '../providers/index.js';
import { CommandFailure } from './CommandFailure.js';

/** One request as `listen --record` saved it: enough to send it again byte for byte. */
export interface Recording {
  /** The format version, `1`. */
  readonly version: 1;
  /** When it arrived, ISO 8601 UTC. */
  readonly receivedAt: string;
  /** The HTTP method. */
  readonly method: string;
  /** The path and query string it was sent to. */
  readonly url: string;
  /** The headers as received, names in their case, in order. */
  readonly headers: readonly (readonly [string, string])[];
  /** The provider, as configured or detected, or `null` when the request was not recognized. */
  readonly provider: ProviderId | null;
  /** The body, when it is UTF-8 text. */
  readonly body?: string;
  /** The body in Base64, when it is not UTF-8 text. */
  readonly bodyBase64?: string;
}

/** Headers that belong to one connection, never passed on with a request. */
export const hopByHopHeaders: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
]);

/** A recording's body bytes. */
export function recordingBody(recording: Recording): Uint8Array {
  if (recording.bodyBase64 !== undefined)
    return new Uint8Array(Buffer.from(recording.bodyBase64, 'base64'));
  return new TextEncoder().encode(recording.body ?? '');
}

/** The recording of one request. */
export function toRecording(
  request: {
    readonly method: string;
    readonly url: string;
    readonly headers: readonly (readonly [string, string])[];
    readonly body: Uint8Array;
  },
  provider: ProviderId | null,
  receivedAt: Date,
): Recording {
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(request.body);
  } catch {
    text = undefined;
  }
  return {
    version: 1,
    receivedAt: receivedAt.toISOString(),
    method: request.method,
    url: request.url,
    headers: request.headers,
    provider,
    ...(text === undefined
      ? { bodyBase64: Buffer.from(request.body).toString('base64') }
      : { body: text }),
  };
}

/** Makes sure `dir` is a directory that recordings can go in. */
export async function prepareRecordingDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandFailure(
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `Cannot record into ${dir}: it is a file; give --record a directory.`
        : `Cannot record into ${dir}: ${String(code ?? (error as Error).message)}.`,
    );
  }
}

/**
 * Writes a recording as `<dir>/<time>-<n>.json` (names sort in arrival order), readable by its
 * owner only, as it holds the request as sent, secrets in bodies or URLs included; resolves to
 * the path.
 */
export async function writeRecording(
  dir: string,
  recording: Recording,
  sequence: number,
): Promise<string> {
  const stamp = recording.receivedAt.replace(/:/g, '-');
  for (let n = sequence; ; n++) {
    const path = join(dir, `${stamp}-${String(n).padStart(4, '0')}.json`);
    try {
      await writeFile(path, `${JSON.stringify(recording, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function parseRecording(text: string, path: string): Recording {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CommandFailure(`${path} is not a recording: it is not JSON.`);
  }
  const invalid = (what: string): CommandFailure =>
    new CommandFailure(`${path} is not a recording of "listen --record": ${what}.`);
  if (!isJsonObject(value)) throw invalid('not a JSON object');
  const record = value as Record<string, unknown>;
  if (record.version !== 1) throw invalid('"version" is not 1');
  if (typeof record.method !== 'string' || typeof record.url !== 'string') {
    throw invalid('"method" and "url" must be strings');
  }
  const headers = record.headers;
  if (
    !Array.isArray(headers) ||
    !headers.every(
      (pair) =>
        Array.isArray(pair) &&
        pair.length === 2 &&
        typeof pair[0] === 'string' &&
        typeof pair[1] === 'string',
    )
  ) {
    throw invalid('"headers" must be a list of [name, value] pairs');
  }
  if (typeof record.body !== 'string' && typeof record.bodyBase64 !== 'string') {
    throw invalid('it has neither "body" nor "bodyBase64"');
  }
  const provider = record.provider === null ? null : (getProvider(record.provider)?.id ?? null);
  return { ...(record as unknown as Recording), provider };
}

/**
 * Reads the recordings a path names: one file, or every `.json` file of a directory in name
 * (arrival) order.
 *
 * @throws {CommandFailure} when the path cannot be read or a file is no recording.
 */
export async function readRecordings(
  path: string,
): Promise<{ readonly path: string; readonly recording: Recording }[]> {
  let files: string[];
  try {
    const info = await stat(path);
    files = info.isDirectory()
      ? (await readdir(path))
          .filter((name) => name.endsWith('.json'))
          .sort()
          .map((name) => join(path, name))
      : [path];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandFailure(
      code === 'ENOENT'
        ? `No file or directory named ${path}; give a file or directory "listen --record" wrote.`
        : `Cannot read ${path}: ${String(code ?? (error as Error).message)}.`,
    );
  }
  if (files.length === 0) throw new CommandFailure(`${path} holds no recordings (*.json files).`);
  const recordings = [];
  for (const file of files) {
    recordings.push({ path: file, recording: parseRecording(await readFile(file, 'utf8'), file) });
  }
  return recordings;
}
