import { readFile } from 'node:fs/promises';
import type { ProviderId } from '../providers/index.js';
import { fixtureList, type SmsWebhookFixture } from '../testing/fixtures.js';
import { getTestingKit, testingKits } from '../testing/registry.js';
import { CommandFailure } from './CommandFailure.js';
import type { CliContext } from './context.js';
import { didYouMean } from './did-you-mean.js';
import { UsageError } from './UsageError.js';

/** Where a command's webhook body comes from. */
export type PayloadSource =
  /** Bytes read from a file or from standard input, exactly as they are. */
  | { readonly type: 'bytes'; readonly label: string; readonly bytes: Uint8Array }
  /** A bundled fixture. */
  | { readonly type: 'fixture'; readonly label: string; readonly fixture: SmsWebhookFixture }
  /** A payload made by a factory, with fresh ids. */
  | {
      readonly type: 'generated';
      readonly label: string;
      readonly provider: ProviderId;
      readonly payload: object;
    };

/** Reads all of standard input. */
export async function readStdin(context: CliContext): Promise<Uint8Array> {
  if (context.stdin.isTTY)
    context.err('Reading the body from standard input; end it with Ctrl-D.\n');
  const chunks: Uint8Array[] = [];
  for await (const chunk of context.stdin) {
    chunks.push(
      typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array),
    );
  }
  return Buffer.concat(chunks);
}

/**
 * Finds the body an argument names: `-` or nothing is standard input, then a file, then a bundled
 * fixture name, then (when `allowGenerated`) a provider id for a freshly generated payload.
 *
 * @throws {UsageError} when the argument names nothing of the sort.
 * @throws {CommandFailure} when a file exists but cannot be read.
 */
export async function readPayloadSource(
  argument: string | undefined,
  context: CliContext,
  options: { readonly allowGenerated: boolean; readonly kind?: string | undefined },
): Promise<PayloadSource> {
  if (argument === undefined || argument === '-') {
    return { type: 'bytes', label: 'standard input', bytes: await readStdin(context) };
  }
  let readError: unknown;
  try {
    return { type: 'bytes', label: argument, bytes: new Uint8Array(await readFile(argument)) };
  } catch (error) {
    readError = error;
  }
  const fixture = fixtureList.find((entry) => entry.name === argument);
  if (fixture) return { type: 'fixture', label: fixture.name, fixture };
  const kit = options.allowGenerated ? getTestingKit(argument) : undefined;
  if (kit) {
    // The kinds a provider's factory makes; the first is the default.
    const kinds: readonly string[] = kit.payloadKinds;
    const kind = options.kind ?? kinds[0] ?? '';
    if (!kinds.includes(kind)) {
      throw new UsageError(`--kind for ${argument} must be one of ${kinds.join(', ')}.`);
    }
    return {
      type: 'generated',
      label: `a new ${argument} ${kind} payload`,
      provider: kit.id,
      payload: (kit.createPayload as (kind: string) => object)(kind),
    };
  }
  const code = (readError as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    const what = options.allowGenerated ? 'file, fixture or provider' : 'file or fixture';
    const names = [
      ...fixtureList.map((entry) => entry.name),
      ...(options.allowGenerated ? testingKits.map((entry) => entry.id) : []),
    ];
    throw new UsageError(
      `No ${what} named "${argument}".${didYouMean(argument, names)} \`sms-webhooks fixtures\` lists the fixtures.`,
    );
  }
  const reason = code === 'EISDIR' ? 'it is a directory' : String(code ?? 'unknown error');
  throw new CommandFailure(`Cannot read ${argument}: ${reason}.`);
}

/** The bytes of a source as they would be sent: the file's own, or compact JSON of an object. */
export function sourceBody(source: PayloadSource): Uint8Array {
  if (source.type === 'bytes') return source.bytes;
  const payload = source.type === 'fixture' ? source.fixture.payload : source.payload;
  return new TextEncoder().encode(JSON.stringify(payload));
}
