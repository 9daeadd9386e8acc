import { describe, expect, test } from 'vitest';
import { fixtureEventTypes, readFixtures } from '../support/fixtures.js';
import { runCli } from './run-cli.js';

const textLinkKinds: Record<string, string> = {
  'textlink/failed': 'failed',
  'textlink/how-it-works': 'received',
  'textlink/received': 'received',
  'textlink/sent': 'sent',
  'textlink/tag-changed': 'tag_changed',
};

interface PrintedEvent {
  readonly type: string;
  readonly provider: string;
  readonly raw: Record<string, unknown>;
}

describe('sms-webhooks parse', () => {
  test('knows every fixture file', () => {
    expect(
      readFixtures()
        .map((fixture) => fixture.name)
        .sort(),
    ).toEqual(Object.keys(fixtureEventTypes).sort());
  });

  test.each(readFixtures().map((fixture) => [fixture.name, fixture] as const))(
    'prints the events of fixtures/%s.json',
    async (name, fixture) => {
      const kind = textLinkKinds[name];
      const options = kind === undefined ? [] : ['--provider', 'textlink', '--kind', kind];
      const { code, stdout, stderr } = await runCli(['parse', `fixtures/${name}.json`, ...options]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const events = JSON.parse(stdout) as PrintedEvent[];
      expect(events.map((event) => [event.provider, event.type])).toEqual([
        [fixture.provider, fixtureEventTypes[name]],
      ]);
      // The secret of the TextLink samples is removed from the event.
      expect(stdout).not.toContain('YOUR_WEBHOOK_SECRET');
      expect(stdout.endsWith('}\n]\n')).toBe(true);
    },
  );

  test('reads standard input for "-" and for no argument, and a fixture by name', async () => {
    const text = readFixtures().find(
      (fixture) => fixture.name === 'textrequest/message-sent',
    )?.text;
    const dash = await runCli(['parse', '-'], { input: text ?? '' });
    const none = await runCli(['parse'], { input: text ?? '' });
    const byName = await runCli(['parse', 'textrequest/message-sent']);
    expect(dash.code).toBe(0);
    expect(JSON.parse(dash.stdout)[0].type).toBe('message.sent');
    expect(none.stdout).toBe(dash.stdout);
    expect(byName.stdout).toBe(dash.stdout);
  });

  test('prints drift as warnings on standard error, and refuses it with --strict', async () => {
    const fixture = readFixtures().find((item) => item.name === 'textlink/tag-changed');
    const body = JSON.stringify({ ...(fixture?.json as object), subuser_id: null, color: 'red' });
    const tolerated = await runCli(['parse', '-', '--kind', 'tag_changed'], { input: body });
    expect(tolerated.code).toBe(0);
    expect(JSON.parse(tolerated.stdout)[0]).toMatchObject({ subaccountId: null });
    expect(tolerated.stderr).toBe(
      'warning: textlink unexpected type at subuser_id: expected (number: integer, min value | string: digits), received null\n' +
        'warning: textlink unknown field at color: expected no such field, received string\n',
    );
    const strict = await runCli(['parse', '-', '--kind', 'tag_changed', '--strict'], {
      input: body,
    });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain(
      '  subuser_id: unexpected type: expected (number: integer, min value | string: digits), received null\n',
    );
    expect(strict.stderr).not.toContain('color');
  });

  test('uses --kind for TextLink bodies that do not say which webhook they are', async () => {
    const body = JSON.stringify({ phone_number: '+381690156360', text: 'Hello there' });
    const inferred = await runCli(['parse', '-'], { input: body });
    const given = await runCli(['parse', '-', '--provider', 'textlink', '--kind', 'sent'], {
      input: body,
    });
    expect(JSON.parse(inferred.stdout)[0].type).toBe('message.received');
    expect(JSON.parse(given.stdout)[0].type).toBe('message.sent');
  });

  test('an invalid payload: the code on one line, then each failing field, exit 1', async () => {
    const body = JSON.stringify({
      Id: '0bdacf54acd6480086b9f9b6c1baa50b',
      Attempt: 1,
      Properties: {
        CollectionType: 'SmsDetails',
        UTC: '2019-09-19T17:16:01.765',
        Organization: '4062',
        RequestId: 'x',
      },
      Notifications: [
        {
          Action: 'SmsDetails.SmsConversationStart',
          ConversationId: 'c',
          MessageDate: '2019-09-19T17:16:24.147',
          TelmetricsStudyID: 9462657,
          TexterNumber: true,
          TextedNumber: null,
          ConversationType: 'ChatClient',
          SmsToChatProvider: 'Customer Service',
        },
      ],
    });
    const { code, stdout, stderr } = await runCli(['parse', '--provider', 'telmetrics'], {
      input: body,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const [summary, ...issues] = stderr.trimEnd().split('\n');
    expect(summary).toMatch(/^invalid_payload \(telmetrics\): /);
    // Only the identifying fields refuse; the missing AttributionDetails is descriptive.
    expect(issues).toEqual([
      '  Notifications[0].TexterNumber: expected string, received boolean',
      '  Notifications[0].TextedNumber: expected string, received null',
    ]);
  });

  test('a body that is not JSON, or of no provider: exit 1 with the code', async () => {
    const notJson = await runCli(['parse'], { input: '{"secret": "s3cret-value",' });
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toBe(
      'invalid_json: The body is not valid JSON.\n  (body): body is not valid JSON\n',
    );
    const unknown = await runCli(['parse'], { input: '{"hello": "world"}' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^unknown_provider: .+\n {2}\(body\): body matches no supported provider\n$/,
    );
  });

  test('a file that cannot be read: exit 1', async () => {
    const { code, stderr } = await runCli(['parse', 'fixtures']);
    expect(code).toBe(1);
    expect(stderr).toBe('sms-webhooks parse: Cannot read fixtures: it is a directory.\n');
  });
});
