import { describe, expect, test } from 'vitest';
import { readFixtures } from '../support/fixtures.js';
import { runCli } from './run-cli.js';

describe('sms-webhooks fixtures', () => {
  test('lists every bundled fixture with its provider, TextLink kind and events', async () => {
    const { code, stdout, stderr } = await runCli(['fixtures']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header?.split(/\s+/)).toEqual(['NAME', 'PROVIDER', 'KIND', 'EVENTS']);
    const listed = rows.map((row) => row.split(/\s+/));
    expect(listed.map(([name]) => name)).toEqual(
      readFixtures()
        .map((fixture) => fixture.name)
        .sort(),
    );
    expect(listed).toContainEqual([
      'textlink/tag-changed',
      'textlink',
      'tag_changed',
      'contact.tag_changed',
    ]);
    expect(listed).toContainEqual(['textrequest/message-sent', 'textrequest', '-', 'message.sent']);
    expect(listed).toContainEqual(['telmetrics/call-preprocessed', 'telmetrics', '-', 'unknown']);
    for (const fixture of readFixtures()) {
      expect(listed.find(([name]) => name === fixture.name)?.[1]).toBe(fixture.provider);
    }
  });

  test('--json prints the same list as JSON', async () => {
    const { code, stdout } = await runCli(['fixtures', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as {
      name: string;
      provider: string;
      kind: string | null;
      events: string[];
    }[];
    expect(list).toHaveLength(readFixtures().length);
    expect(list).toContainEqual({
      name: 'textlink/failed',
      provider: 'textlink',
      kind: 'failed',
      events: ['message.failed'],
    });
    expect(list).toContainEqual({
      name: 'telmetrics/sms-conversation-start',
      provider: 'telmetrics',
      kind: null,
      events: ['conversation.started'],
    });
  });
});
