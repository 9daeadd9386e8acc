import type { SmsWebhookError } from '../../errors/SmsWebhookError.js';
import { safeParseSmsWebhook } from '../../parse.js';
import type { WebhookKind } from '../../providers/index.js';
import type { SmsDriftReport } from '../../tolerance/drift.js';
import { parseCommandArgs, providerIdList, readParseKind, readProvider } from '../arguments.js';
import type { CliContext } from '../context.js';
import { printable } from '../format-event.js';
import { readPayloadSource, sourceBody } from '../payload-source.js';
import { UsageError } from '../UsageError.js';
import type { Command } from './command.js';

const help = `Usage: sms-webhooks parse [file | - | fixture] [options]

Checks a webhook body and prints its normalized events as JSON on standard output.
Reads standard input when the argument is "-" or absent; the name of a bundled
fixture (see "sms-webhooks fixtures") works too.

Options:
  --provider <id>  ${providerIdList} (detected from the body when absent)
  --kind <kind>    the TextLink webhook: received, sent, failed or tag_changed
                   (inferred from the body when absent; TextLink bodies do not say)
  --strict         refuse any difference from the documents but unknown fields
                   (exit 1, as for an invalid body)
  -h, --help       show this help

When the body is invalid, prints the error code and message, then each failing
field as "  <path>: <message>", on standard error. When it is accepted but differs
from the provider's documents (a field missing, of another type, or unknown), each
difference is printed as a warning on standard error; --strict refuses it instead.

Examples:
  sms-webhooks parse body.json --provider textlink --kind failed
  curl -s https://example.com/sample.json | sms-webhooks parse
  sms-webhooks parse textrequest/message-received

Exit codes:
  0  the body is accepted; its events were printed (and any drift, as warnings)
  1  the body is invalid (not JSON, unusable fields, unknown provider) or unreadable
  2  usage error
`;

/** Prints each failing field of an error as `  <path>: <message>`, `(body)` for the whole body. */
export function printIssues(error: SmsWebhookError, context: CliContext): void {
  for (const issue of error.issues) {
    context.err(
      `  ${printable(issue.path === '' ? '(body)' : issue.path)}: ${printable(issue.message)}\n`,
    );
  }
}

/** Prints a drift report as one warning line: where, what kind, and the types (never a value). */
export function printDrift(report: SmsDriftReport, context: CliContext): void {
  context.err(
    `warning: ${report.provider} ${report.kind.replace('_', ' ')} at ${printable(report.path || '(body)')}: expected ${printable(report.expected)}, received ${report.received}\n`,
  );
}

/** Prints an error of the library: its code and message, then each failing field. */
export function printParseError(error: SmsWebhookError, context: CliContext): void {
  const provider = error.provider === undefined ? '' : ` (${error.provider})`;
  context.err(`${error.code}${provider}: ${printable(error.message)}\n`);
  printIssues(error, context);
}

/** `sms-webhooks parse`: checks a body and prints its events. */
export const parseCommand: Command = {
  name: 'parse',
  summary: 'Check a webhook body and print its normalized events as JSON',
  help,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      provider: { type: 'string' },
      kind: { type: 'string' },
      strict: { type: 'boolean' },
    });
    if (positionals.length > 1)
      throw new UsageError('parse takes one file at most; run it once per file.');
    const provider = readProvider(values.provider);
    const kind = readParseKind(values.kind, provider) as WebhookKind | undefined;
    const source = await readPayloadSource(positionals[0], context, { allowGenerated: false });
    // A fixture knows its provider and TextLink kind, unless the options name another provider.
    const fixture =
      source.type === 'fixture' && (provider === undefined || provider === source.fixture.provider)
        ? source.fixture
        : undefined;
    const result = safeParseSmsWebhook(sourceBody(source), {
      provider: provider ?? fixture?.provider,
      kind: kind ?? (fixture && 'kind' in fixture ? fixture.kind : undefined),
      strict: values.strict === true,
    });
    if (!result.success) {
      printParseError(result.error, context);
      return 1;
    }
    for (const report of result.drift) printDrift(report, context);
    context.out(`${JSON.stringify(result.events, null, 2)}\n`);
    return 0;
  },
};
