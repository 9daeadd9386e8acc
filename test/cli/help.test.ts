import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { root, runCli } from './run-cli.js';

const commands = ['parse', 'send', 'listen', 'replay', 'fixtures', 'hooks'] as const;

describe('sms-webhooks --help', () => {
  test('lists every command and documents the exit codes', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Usage: sms-webhooks <command>');
    for (const command of commands) expect(stdout).toMatch(new RegExp(`^  ${command}\\s+\\S`, 'm'));
    expect(stdout).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*\n\s+2 .*usage/);
  });

  test('-h and "help" print the same text', async () => {
    const long = await runCli(['--help']);
    expect((await runCli(['-h'])).stdout).toBe(long.stdout);
    expect((await runCli(['help'])).stdout).toBe(long.stdout);
  });

  test.each(commands)('%s --help shows its usage, options and exit codes', async (command) => {
    const { code, stdout } = await runCli([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: sms-webhooks ${command}`));
    expect(stdout).toContain('-h, --help');
    expect(stdout).toMatch(/Exit codes:\n\s+0 [^\n]+\n(\s+1 [^\n]+\n)?\s+2 +usage error/);
    expect((await runCli(['help', command])).stdout).toBe(stdout);
    // Help wins over the other arguments, even invalid ones.
    expect((await runCli([command, '--no-such-option', '-h'])).stdout).toBe(stdout);
  });

  test('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as {
      version: string;
    };
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
    expect((await runCli(['-v'])).stdout).toBe(`${version}\n`);
  });
});

describe('usage errors exit 2 with a pointer to --help', () => {
  test('no command: the help on standard error', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: sms-webhooks <command>');
  });

  test.each([
    [['frobnicate'], 'sms-webhooks: Unknown command "frobnicate".'],
    [['--frobnicate'], 'sms-webhooks: Unknown option "--frobnicate".'],
    [['help', 'frobnicate'], 'sms-webhooks: Unknown command "frobnicate".'],
    [['parse', '--frobnicate'], "sms-webhooks parse: Unknown option '--frobnicate'."],
    [
      ['parse', 'a.json', 'b.json'],
      'sms-webhooks parse: parse takes one file at most; run it once per file.',
    ],
    [
      ['parse', 'no-such-file.json'],
      'sms-webhooks parse: No file or fixture named "no-such-file.json"',
    ],
    [['parse', '--provider', 'twilio', '-'], 'sms-webhooks parse: --provider must be one of'],
    [['parse', '--kind', 'message_sent', '-'], 'sms-webhooks parse: --kind must be a webhook kind'],
    [
      ['parse', '--provider', 'telmetrics', '--kind', 'sent', '-'],
      '--kind does not apply to telmetrics',
    ],
    [['send', '--url', 'http://127.0.0.1:9/'], 'sms-webhooks send: send needs a payload'],
    [['sned'], 'sms-webhooks: Unknown command "sned". Did you mean "send"?'],
    [['help', 'replya'], 'sms-webhooks: Unknown command "replya". Did you mean "replay"?'],
    [['--verison'], 'sms-webhooks: Unknown option "--verison". Did you mean "--version"?'],
    [
      ['listen', '--forwrd-to', 'http://127.0.0.1:3000/'],
      `sms-webhooks listen: Unknown option '--forwrd-to'. Did you mean "--forward-to"?`,
    ],
    [
      ['send', 'textlink/recieved'],
      'sms-webhooks send: No file, fixture or provider named "textlink/recieved". Did you mean "textlink/received"?',
    ],
    [['send', 'textrequets'], 'Did you mean "textrequest"?'],
    [
      ['send', 'textlink', '--provider', 'textlnk'],
      '--provider must be one of telmetrics, textlink, textrequest. Did you mean "textlink"?',
    ],
    [['send', '--all', 'textlink/sent'], 'drop the payload names, or drop --all'],
    [['send', 'textlink', '--repeat', '0'], '--repeat must be a whole number from 1 to 1000'],
    [['send', 'textlink', '--url'], "Option '--url <value>' argument missing. Give it a value"],
    [['send', '-', '-'], 'Standard input ("-") can be read once'],
    [['replay'], 'replay needs a recording: a file or directory "listen --record <dir>" wrote.'],
    [['listen', '--record', ''], '--record needs a directory, e.g. --record ./recorded.'],
    [['listen', '--forward-to', 'localhost:3000'], '--forward-to must be an absolute http://'],
    [['send', 'textlink/received', '--url', 'localhost:3000'], '--url must be an absolute'],
    [
      ['send', 'textlink', '--kind', 'delivered', '--url', 'http://127.0.0.1:9/'],
      '--kind for textlink must be one of received, sent, failed, tag_changed',
    ],
    [
      ['send', 'textlink/sent', '--kind', 'sent', '--url', 'http://127.0.0.1:9/'],
      '--kind chooses the payload generated',
    ],
    [
      ['send', 'textlink/sent', '--scheme', 'url-token', '--url', 'http://127.0.0.1:9/'],
      '--scheme must be one of body-secret',
    ],
    [
      ['send', 'textlink/sent', '--secret', '', '--url', 'http://127.0.0.1:9/'],
      '--secret must not be empty',
    ],
    [['listen', '--port', '70000'], 'sms-webhooks listen: --port must be a whole number'],
    [
      ['listen', 'http://127.0.0.1:3000/'],
      'listen takes no arguments, only options; did you mean --forward-to http://127.0.0.1:3000/?',
    ],
    [
      ['listen', '--provider', 'textrequest', '--kind', 'received'],
      '--kind does not apply to textrequest',
    ],
    [['fixtures', 'textlink'], 'sms-webhooks fixtures: fixtures takes no arguments; it lists'],
    [['listen', 'extra'], 'listen takes no arguments, only options, e.g. --port 4848'],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toMatch(/Run "sms-webhooks( \w+)? --help" for usage\.\n$/);
  });
});
