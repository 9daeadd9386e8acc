import {
  createTextRequestClient,
  TEXT_REQUEST_API_BASE_URL,
  type TextRequestClient,
  type TextRequestHook,
  type TextRequestHookEvent,
  type TextRequestHookVerb,
  textRequestHookEvents,
  textRequestHookVerbs,
} from '../../providers/textrequest/client/create-client.js';
import { isTextRequestApiError } from '../../providers/textrequest/client/TextRequestApiError.js';
import { parseCommandArgs } from '../arguments.js';
import { CommandFailure } from '../CommandFailure.js';
import type { CliContext } from '../context.js';
import { printable } from '../format-event.js';
import { UsageError } from '../UsageError.js';
import type { Command } from './command.js';

/** The environment variable read when `--api-key` is not given. */
export const API_KEY_ENV = 'TEXT_REQUEST_API_KEY';

const subcommands = ['list', 'add', 'delete', 'event-types'] as const;
type Subcommand = (typeof subcommands)[number];

const help = `Usage: sms-webhooks hooks <list | add | delete | event-types> [options]

Manages the web hooks of a Text Request dashboard through its v3 API (hooks made
in the web app are listed too). Needs your account's API key.

  sms-webhooks hooks list --dashboard <id>
      every hook of the dashboard: id, event, HTTP verb, source (app or api), URL
  sms-webhooks hooks add <target-url> --dashboard <id> --event <event> [--http-verb <verb>]
      registers <target-url> for an event; an event can call several URLs, each once
  sms-webhooks hooks delete <hook-id> --dashboard <id>
      removes a hook (its id is the first column of "hooks list")
  sms-webhooks hooks event-types
      the events the API offers

<target-url> is your endpoint, or the URL "sms-webhooks listen" prints first
("Listening on http://127.0.0.1:4848/"). Text Request's servers must be able to
reach it: expose a local receiver through a tunnel and register the public URL.

Options:
  --dashboard <id>    the dashboard (phone number) id, e.g. 121
  --event <event>     add: the event, one of
                      ${textRequestHookEvents.slice(0, 4).join(', ')},
                      ${textRequestHookEvents.slice(4).join(', ')}
  --http-verb <verb>  add: how Text Request calls the URL: POST (default), PUT or DELETE
  --api-key <key>     your API key (Integrations → API in the web app); setting
                      ${API_KEY_ENV} instead keeps it out of your shell history.
                      Never printed.
  --base-url <url>    the API's base URL (default ${TEXT_REQUEST_API_BASE_URL})
  --json              print JSON instead of text
  -h, --help          show this help

Examples:
  export ${API_KEY_ENV}=<your key>
  sms-webhooks hooks list --dashboard 121
  sms-webhooks hooks add https://example.com/hooks/textrequest --dashboard 121 --event msg_received
  sms-webhooks hooks delete 1414 --dashboard 121

Exit codes:
  0  done
  1  the API refused the call (401 wrong key, 409 already registered, ...) or could not be reached
  2  usage error
`;

/** Which options each subcommand takes, besides --api-key, --base-url and --json. */
const optionsOf: Readonly<Record<Subcommand, readonly string[]>> = {
  list: ['dashboard'],
  add: ['dashboard', 'event', 'http-verb'],
  delete: ['dashboard'],
  'event-types': [],
};

function readSubcommand(value: string | undefined): Subcommand {
  if (value === undefined) {
    throw new UsageError(`hooks needs a subcommand: ${subcommands.join(', ')}.`);
  }
  const found = subcommands.find((name) => name === value);
  if (!found) {
    throw new UsageError(`Unknown hooks subcommand "${value}"; use ${subcommands.join(', ')}.`);
  }
  return found;
}

function readApiKey(
  value: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (value === '') throw new UsageError('--api-key must not be empty.');
  const key = value ?? env[API_KEY_ENV];
  if (key === undefined || key === '') {
    throw new UsageError(
      `hooks needs your Text Request API key: set ${API_KEY_ENV} or pass --api-key <key>.`,
    );
  }
  return key;
}

function readBaseUrl(value: string | undefined): string {
  if (value === undefined) return TEXT_REQUEST_API_BASE_URL;
  if (!isHttpUrl(value) || /[?#]/.test(value)) {
    throw new UsageError(
      `--base-url must be an absolute http:// or https:// URL without query, e.g. ${TEXT_REQUEST_API_BASE_URL}.`,
    );
  }
  return value;
}

function readId(value: string | undefined, what: string, example: string): number {
  const id = value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id))
    throw new UsageError(`${what} must be a whole number, e.g. ${example}.`);
  return id;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname)
  );
}

/**
 * The warning for a hook URL only this machine can reach (what `listen` prints) registered with
 * an API elsewhere, or `undefined` when there is nothing to warn about.
 */
export function loopbackWarning(targetUrl: string, baseUrl: string): string | undefined {
  if (!isLoopbackHost(new URL(targetUrl).hostname) || isLoopbackHost(new URL(baseUrl).hostname)) {
    return undefined;
  }
  return (
    `Warning: ${targetUrl} is reachable only from this machine, so Text Request cannot call it. ` +
    'Expose it (e.g. through a tunnel) and register the public URL.\n'
  );
}

function readTargetUrl(value: string | undefined): string {
  if (value === undefined) {
    throw new UsageError(
      'hooks add needs the URL to call, e.g. https://example.com/hooks/textrequest or the one "sms-webhooks listen" prints.',
    );
  }
  if (!isHttpUrl(value)) {
    throw new UsageError(
      `The URL to call must be an absolute http:// or https:// URL, e.g. https://example.com/hooks/textrequest.`,
    );
  }
  return value;
}

function readEvent(value: string | undefined): TextRequestHookEvent {
  const list = textRequestHookEvents.join(', ');
  if (value === undefined) throw new UsageError(`hooks add needs --event: one of ${list}.`);
  const event = textRequestHookEvents.find((name) => name === value);
  if (!event) throw new UsageError(`--event must be one of ${list}.`);
  return event;
}

function readVerb(value: string | undefined): TextRequestHookVerb | undefined {
  if (value === undefined) return undefined;
  const verb = textRequestHookVerbs.find((name) => name === value.toUpperCase());
  if (!verb) {
    throw new UsageError(
      '--http-verb must be POST, PUT or DELETE (a hook cannot be called with GET).',
    );
  }
  return verb;
}

/** What the API said, and what to do about it, in one line. */
function failure(
  error: unknown,
  subcommand: Subcommand,
  dashboardId: number | undefined,
): CommandFailure {
  if (!isTextRequestApiError(error)) throw error;
  const hints: Record<number, string> = {
    401: `check the API key given with --api-key or ${API_KEY_ENV}`,
    403: 'the API key may lack API access (Integrations → API in the web app)',
    404:
      subcommand === 'delete'
        ? `check the dashboard id and the hook id ("sms-webhooks hooks list --dashboard ${dashboardId}")`
        : 'check the dashboard id',
    409:
      dashboardId === undefined
        ? 'it is already registered'
        : `that event already calls that URL; "sms-webhooks hooks list --dashboard ${dashboardId}" shows it`,
    429: 'Text Request is limiting requests; try again later',
  };
  const hint =
    error.code === 'http_error' && error.status !== null
      ? (hints[error.status] ??
        (error.status >= 500 ? 'Text Request had a server error; try again later' : undefined))
      : error.code === 'invalid_response'
        ? `the answer did not match the v3 spec (${error.issues.map((issue) => issue.path || 'body').join(', ')})`
        : 'check --base-url and your connection';
  if (hint === undefined) return new CommandFailure(error.message);
  return new CommandFailure(`${error.message.replace(/\.$/, '')} (${hint}).`);
}

/** The fields of a hook printed by `--json`, without the raw answer. */
function hookJson({ raw: _raw, ...hook }: TextRequestHook): Omit<TextRequestHook, 'raw'> {
  return hook;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths?.[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

function sourceOf(hook: TextRequestHook): string {
  return hook.isUserDefined === null ? '-' : hook.isUserDefined ? 'app' : 'api';
}

async function list(
  client: TextRequestClient,
  dashboardId: number,
  json: boolean,
  context: CliContext,
) {
  const hooks: TextRequestHook[] = [];
  for await (const hook of client.allHooks(dashboardId)) hooks.push(hook);
  if (json) {
    context.out(`${JSON.stringify(hooks.map(hookJson), null, 2)}\n`);
    return;
  }
  if (hooks.length === 0) {
    context.out(`No hooks on dashboard ${dashboardId}.\n`);
    return;
  }
  const rows = [
    ['ID', 'EVENT', 'VERB', 'SOURCE', 'URL'],
    ...hooks.map((hook) => [
      String(hook.id),
      printable(hook.event),
      printable(hook.httpVerb ?? '-'),
      sourceOf(hook),
      printable(hook.targetUrl),
    ]),
  ];
  context.out(`${table(rows)}\n`);
}

/** `sms-webhooks hooks`: lists, adds and deletes Text Request web hooks. */
export const hooksCommand: Command = {
  name: 'hooks',
  summary: 'List, add and delete Text Request web hooks through its API',
  help,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      dashboard: { type: 'string' },
      event: { type: 'string' },
      'http-verb': { type: 'string' },
      'api-key': { type: 'string' },
      'base-url': { type: 'string' },
      json: { type: 'boolean' },
    });
    const [name, ...rest] = positionals;
    const subcommand = readSubcommand(name);
    for (const option of ['dashboard', 'event', 'http-verb'] as const) {
      if (values[option] !== undefined && !optionsOf[subcommand].includes(option)) {
        const owners = subcommands.filter((candidate) => optionsOf[candidate].includes(option));
        const names =
          owners.length > 1
            ? `${owners.slice(0, -1).join(', ')} and ${owners.at(-1)}`
            : owners.join('');
        throw new UsageError(`--${option} applies only to hooks ${names}.`);
      }
    }
    const expected = subcommand === 'add' || subcommand === 'delete' ? 1 : 0;
    if (rest.length > expected) {
      throw new UsageError(
        expected === 0
          ? `hooks ${subcommand} takes no arguments.`
          : `hooks ${subcommand} takes one ${subcommand === 'add' ? 'URL' : 'hook id'}.`,
      );
    }
    if (subcommand !== 'event-types' && values.dashboard === undefined) {
      throw new UsageError('--dashboard is required: the id of the dashboard, e.g. 121.');
    }
    const dashboardId =
      values.dashboard === undefined ? undefined : readId(values.dashboard, '--dashboard', '121');
    const target = subcommand === 'add' ? readTargetUrl(rest[0]) : undefined;
    const event = subcommand === 'add' ? readEvent(values.event) : undefined;
    const httpVerb = readVerb(values['http-verb']);
    if (subcommand === 'delete' && rest[0] === undefined) {
      throw new UsageError('hooks delete needs the hook id (the first column of "hooks list").');
    }
    const hookId = subcommand === 'delete' ? readId(rest[0], 'The hook id', '1414') : undefined;
    const baseUrl = readBaseUrl(values['base-url']);
    const apiKey = readApiKey(values['api-key'], context.env);
    const json = values.json === true;
    const client = createTextRequestClient({ apiKey, baseUrl });

    try {
      if (subcommand === 'event-types') {
        const types = await client.listEventTypes();
        context.out(
          json ? `${JSON.stringify(types)}\n` : types.map((t) => `${printable(t)}\n`).join(''),
        );
      } else if (subcommand === 'list' && dashboardId !== undefined) {
        await list(client, dashboardId, json, context);
      } else if (subcommand === 'add' && dashboardId !== undefined && target && event) {
        const warning = loopbackWarning(target, baseUrl);
        if (warning) context.err(printable(warning, true));
        const hook = await client.addHook(dashboardId, { targetUrl: target, event, httpVerb });
        context.out(
          json
            ? `${JSON.stringify(hookJson(hook), null, 2)}\n`
            : `Added hook ${hook.id}: ${printable(hook.event)} → ${printable(hook.targetUrl)} (${printable(hook.httpVerb ?? 'verb not reported')}) on dashboard ${dashboardId}.\n`,
        );
      } else if (subcommand === 'delete' && dashboardId !== undefined && hookId !== undefined) {
        await client.deleteHook(dashboardId, hookId);
        context.out(
          json
            ? `${JSON.stringify({ deleted: hookId, dashboardId })}\n`
            : `Deleted hook ${hookId} from dashboard ${dashboardId}.\n`,
        );
      }
    } catch (error) {
      throw failure(error, subcommand, dashboardId);
    }
    return 0;
  },
};
