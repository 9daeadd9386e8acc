import { safeParseSmsWebhook } from '../../parse.js';
import { fixtureList } from '../../testing/fixtures.js';
import { parseCommandArgs } from '../arguments.js';
import { UsageError } from '../UsageError.js';
import type { Command } from './command.js';

const help = `Usage: sms-webhooks fixtures [--json]

Lists the bundled sample payloads (the providers' documented samples): their name,
provider, TextLink kind and the events they parse to. Use a name with
"sms-webhooks parse <name>" or "sms-webhooks send <name> --url <url>".

Options:
  --json       print a JSON array instead of a table
  -h, --help   show this help

Exit codes:
  0  listed
  2  usage error
`;

interface FixtureRow {
  readonly name: string;
  readonly provider: string;
  readonly kind: string | null;
  readonly events: readonly string[];
}

function rows(): FixtureRow[] {
  return fixtureList.map((fixture) => {
    const kind = 'kind' in fixture ? fixture.kind : null;
    const result = safeParseSmsWebhook(fixture.payload, fixture);
    return {
      name: fixture.name,
      provider: fixture.provider,
      kind,
      events: result.success ? result.events.map((event) => event.type) : [],
    };
  });
}

function table(lines: readonly (readonly string[])[]): string {
  const widths = lines[0]?.map((_, column) =>
    Math.max(...lines.map((line) => line[column]?.length ?? 0)),
  );
  return lines
    .map((line) =>
      line
        .map((cell, column) =>
          column === line.length - 1 ? cell : cell.padEnd(widths?.[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

/** `sms-webhooks fixtures`: lists the bundled fixtures. */
export const fixturesCommand: Command = {
  name: 'fixtures',
  summary: 'List the bundled sample payloads',
  help,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
    if (positionals.length > 0)
      throw new UsageError('fixtures takes no arguments; it lists them all (--json for JSON).');
    const list = rows();
    if (values.json) {
      context.out(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const lines = [
      ['NAME', 'PROVIDER', 'KIND', 'EVENTS'],
      ...list.map((row) => [row.name, row.provider, row.kind ?? '-', row.events.join(', ')]),
    ];
    context.out(`${table(lines)}\n`);
    return 0;
  },
};
