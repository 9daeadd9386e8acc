import { parseArgs } from 'node:util';
import { getProvider, type ProviderId, providers } from '../providers/index.js';
import { didYouMean } from './did-you-mean.js';
import { UsageError } from './UsageError.js';

/** A verification scheme of any provider. */
type VerificationScheme = (typeof providers)[number]['verificationSchemes'][number];

/** The port `listen` uses unless told otherwise. */
export const DEFAULT_LISTEN_PORT: number = 4848;

/** Where `listen` listens by default, and where `send` and `replay` send unless told otherwise. */
export const DEFAULT_LISTEN_URL: string = `http://127.0.0.1:${DEFAULT_LISTEN_PORT}/`;

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
      const sentence = /^[\s\S]*?\.(?=\s|$)/.exec(message)?.[0] ?? message;
      const first = /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
      const unknown = /^Unknown option '(-[^']*)'/.exec(message)?.[1];
      if (unknown !== undefined) {
        const names = [...Object.keys(options).map((name) => `--${name}`), '--help'];
        const hint = didYouMean(unknown, names);
        throw new UsageError(`${first}${hint}`);
      }
      if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
        throw new UsageError(`${first} Give it a value, or leave the option out.`);
      }
      throw new UsageError(first);
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
    throw new UsageError(
      `--provider must be one of ${providerIds.join(', ')}.${didYouMean(value, providerIds)}`,
    );
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
  if (value !== undefined && value === '') {
    throw new UsageError('--secret must not be empty; leave it out to go without a secret.');
  }
  return secret === '' ? undefined : secret;
}

/** A URL to send to, without credentials, and the `authorization` header its `user:pass@` became. */
export interface TargetUrl {
  /** The URL without user name and password. */
  readonly url: URL;
  /** `Basic …` for credentials that were in the URL, else `undefined`. */
  readonly authorization: string | undefined;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads a URL option (`--url`, `--forward-to`): absolute http(s), with `user:pass@` taken out of
 * it and turned into basic authentication, as `curl` does (Web `fetch` refuses such URLs).
 */
export function readTargetUrl(
  option: string,
  value: string | undefined,
  fallback?: string,
): TargetUrl {
  const text = value ?? fallback;
  if (text === undefined)
    throw new UsageError(`${option} is required, e.g. ${option} http://127.0.0.1:3000/api/sms.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `${option} must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:3000/api/sms.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `${option} must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:3000/api/sms.`,
    );
  }
  let authorization: string | undefined;
  if (url.username !== '' || url.password !== '') {
    const credentials = `${decodeComponent(url.username)}:${decodeComponent(url.password)}`;
    authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  return { url, authorization };
}

/** A URL as the CLI prints it: the `token` parameter (Telmetrics' URL token) hidden. */
export function displayUrl(url: URL | string): string {
  const copy = new URL(String(url));
  copy.username = '';
  copy.password = '';
  if (copy.searchParams.has('token')) copy.searchParams.set('token', '***');
  return copy.href;
}

/** Reads `--repeat`: how many times to send each payload, 1 when absent. */
export function readRepeat(value: string | undefined): number {
  if (value === undefined) return 1;
  const times = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(times >= 1 && times <= 1000)) {
    throw new UsageError('--repeat must be a whole number from 1 to 1000, e.g. --repeat 3.');
  }
  return times;
}
