import { parseArgs } from 'node:util';
import { getProvider, type ProviderId, providers } from '../providers/index.js';
import { UsageError } from './UsageError.js';

/** A verification scheme of any provider. */
type VerificationScheme = (typeof providers)[number]['verificationSchemes'][number];

/** The environment variable read when `--secret` is not given. */
export const SECRET_ENV = 'SMS_WEBHOOKS_SECRET';

/** Whether the arguments ask for help (`-h` or `--help` before any `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '-h' || arg === '--help') return true;
  }
  return false;
}

/** The options a command takes, each a string or a flag, as `node:util` `parseArgs` describes them. */
export type CommandOptions = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

/** The values read for {@link CommandOptions}: a string or `true` per option given, absent otherwise. */
export type CommandValues<TOptions extends CommandOptions> = {
  readonly [Name in keyof TOptions]?: TOptions[Name]['type'] extends 'boolean' ? boolean : string;
};

/**
 * Reads a command's arguments with `node:util` `parseArgs` (strict, positionals allowed) and turns
 * its errors into {@link UsageError}s, keeping only the first sentence of its message (the rest
 * explains `--` quoting at length).
 */
export function parseCommandArgs<const TOptions extends CommandOptions>(
  args: readonly string[],
  options: TOptions,
): { values: CommandValues<TOptions>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as CommandValues<TOptions>, positionals };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const message = String((error as Error).message);
      throw new UsageError(/^[\s\S]*?\.(?=\s|$)/.exec(message)?.[0] ?? message);
    }
    throw error;
  }
}

const providerIds = providers.map((provider) => provider.id);

/** The registered provider ids for help texts: `telmetrics, textlink or textrequest`. */
export const providerIdList: string =
  providerIds.length > 1
    ? `${providerIds.slice(0, -1).join(', ')} or ${providerIds.at(-1)}`
    : providerIds.join('');

/** Reads `--provider`: one of the registered ids, or `undefined` when absent. */
export function readProvider(value: string | undefined): ProviderId | undefined {
  if (value === undefined) return undefined;
  const provider = getProvider(value);
  if (!provider) {
    throw new UsageError(`--provider must be one of ${providerIds.join(', ')}.`);
  }
  return provider.id;
}

type RegisteredProvider = (typeof providers)[number];

/**
 * Reads an option whose accepted values each provider lists: `value` when a provider it applies
 * to (the given one, or any when none is given) lists it; otherwise the error `refuse` makes from
 * those providers.
 */
function readProviderValue(
  value: string | undefined,
  provider: ProviderId | undefined,
  accepted: (provider: RegisteredProvider) => readonly string[],
  refuse: (candidates: readonly RegisteredProvider[]) => UsageError,
): string | undefined {
  if (value === undefined) return undefined;
  const candidates =
    provider === undefined ? providers : providers.filter((p) => p.id === provider);
  if (candidates.some((p) => accepted(p).includes(value))) return value;
  throw refuse(candidates);
}

/**
 * Reads `--kind` as the parsers take it: a kind of the given provider, or of any provider when
 * none is given (only TextLink has kinds: its body does not say which webhook it is).
 */
export function readParseKind(
  value: string | undefined,
  provider: ProviderId | undefined,
): string | undefined {
  return readProviderValue(
    value,
    provider,
    (p) => p.kinds,
    () => {
      const owners = providers.filter((p) => p.kinds.length > 0);
      const accepted = owners.map((p) => `${p.id}: ${p.kinds.join(', ')}`).join('; ');
      return new UsageError(
        provider !== undefined && !owners.some((p) => p.id === provider)
          ? `--kind does not apply to ${provider}, whose body says what it is.`
          : `--kind must be a webhook kind (${accepted}).`,
      );
    },
  );
}

/** Reads `--scheme`: a verification scheme of the given provider, or of any provider. */
export function readScheme(
  value: string | undefined,
  provider: ProviderId | undefined,
): VerificationScheme | undefined {
  // readProviderValue returns only values one of the providers lists, so the narrowing holds.
  return readProviderValue(
    value,
    provider,
    (p) => p.verificationSchemes,
    (candidates) => {
      const accepted = candidates.flatMap((p) => p.verificationSchemes);
      return new UsageError(`--scheme must be one of ${[...new Set(accepted)].join(', ')}.`);
    },
  ) as VerificationScheme | undefined;
}

/** Reads `--port`: a whole number from 0 (any free port) to 65535. */
export function readPort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError('--port must be a whole number from 0 (any free port) to 65535.');
  }
  return port;
}

/** Reads the secret from `--secret`, else from `SMS_WEBHOOKS_SECRET`; an empty value counts as none. */
export function readSecret(
  value: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const secret = value ?? env[SECRET_ENV];
  if (value !== undefined && value === '') throw new UsageError('--secret must not be empty.');
  return secret === '' ? undefined : secret;
}
