import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { bin, root, runCli } from './run-cli.js';

const run = promisify(execFile);
const SECRET = 'tmux-secret-93b2';

/** A private tmux server (its own socket), so nothing of the user's sessions is touched. */
interface Terminal {
  readonly socket: string;
  readonly dir: string;
}

const terminals: Terminal[] = [];

afterEach(async () => {
  for (const terminal of terminals.splice(0)) {
    await run('tmux', ['-S', terminal.socket, 'kill-server']).catch(() => {});
    await rm(terminal.dir, { recursive: true, force: true });
  }
});

function environment(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...extra };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'SMS_WEBHOOKS_SECRET', 'TMUX']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** Starts `listen` in a detached 110×24 tmux session; fails (never skips) without tmux. */
async function listenInTmux(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<Terminal> {
  const dir = await mkdtemp(join(tmpdir(), 'sms-webhooks-tmux-'));
  const terminal = { socket: join(dir, 'socket'), dir };
  terminals.push(terminal);
  const command = [process.execPath, bin, 'listen', '--port', '0', ...args]
    .map((part) => `'${part.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  try {
    await run(
      'tmux',
      [
        '-S',
        terminal.socket,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-x',
        '110',
        '-y',
        '24',
        command,
      ],
      { cwd: root, env: environment(env) },
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? "tmux is not installed: this test checks listen in a real terminal. Install Debian's tmux (apt-get install tmux); .ci/run does."
        : `tmux could not start: ${String(error)}`,
    );
  }
  return terminal;
}

/** The screen as text, with (`escapes`) or without tmux's SGR sequences. */
async function screen(terminal: Terminal, escapes = false): Promise<string> {
  const { stdout } = await run('tmux', [
    '-S',
    terminal.socket,
    'capture-pane',
    '-p',
    ...(escapes ? ['-e'] : []),
  ]);
  return stdout;
}

async function waitForScreen(terminal: Terminal, text: string): Promise<string> {
  await expect.poll(() => screen(terminal), { timeout: 10_000, interval: 100 }).toContain(text);
  return screen(terminal);
}

interface Style {
  bold: boolean;
  dim: boolean;
  color: number | null;
}

/** The style the terminal shows `text` in: the SGR state where it starts on the captured screen. */
function styleOf(captured: string, text: string): Style {
  const at = captured.indexOf(text);
  if (at === -1) throw new Error(`${JSON.stringify(text)} is not on the screen`);
  const style: Style = { bold: false, dim: false, color: null };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: reading terminal escapes is the point.
  const sgr = /\u001b\[([\d;]*)m/g;
  for (const match of captured.slice(0, at).matchAll(sgr)) {
    const codes = (match[1] === '' ? '0' : (match[1] ?? '0')).split(';').map(Number);
    for (const code of codes) {
      if (code === 0) Object.assign(style, { bold: false, dim: false, color: null });
      else if (code === 1) style.bold = true;
      else if (code === 2) style.dim = true;
      else if (code === 22) Object.assign(style, { bold: false, dim: false });
      else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) style.color = code;
      else if (code === 39) style.color = null;
    }
  }
  return style;
}

describe('sms-webhooks listen in a terminal (tmux)', () => {
  test('lays out the URL, the hint and each event, coloured by kind, refusals in red', async () => {
    const terminal = await listenInTmux(['--provider', 'textlink', '--secret', SECRET]);
    const first = await waitForScreen(terminal, 'Listening on');
    const url = /Listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(first)?.[1] ?? '';
    expect(url).not.toBe('');

    expect(
      (await runCli(['send', 'textlink/received', '--url', url, '--secret', SECRET])).code,
    ).toBe(0);
    await waitForScreen(terminal, 'General Kenobi');
    expect(
      (await runCli(['send', 'textlink/failed', '--url', url, '--secret', 'wrong'])).code,
    ).toBe(1);
    const plain = await waitForScreen(terminal, '401 unauthorized');
    const lines = plain.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      `Listening on ${url}`,
      `Try: sms-webhooks send textlink --url ${url} --secret <secret>  (Ctrl-C stops)`,
      'message.received  textlink  +381690156360 → ?  Aleksandar Spremo  "General Kenobi"',
      expect.stringMatching(/^ {2}key textlink:received:fp:[0-9a-f]{16} {2}at unknown time$/),
      '401 unauthorized  POST /  textlink',
    ]);
    expect(plain).not.toContain(SECRET);

    const coloured = await screen(terminal, true);
    expect(styleOf(coloured, url)).toMatchObject({ bold: true });
    expect(styleOf(coloured, 'Try: ')).toMatchObject({ dim: true });
    expect(styleOf(coloured, 'message.received')).toEqual({ bold: true, dim: false, color: 32 });
    expect(styleOf(coloured, '  textlink  +381690156360')).toEqual({
      bold: false,
      dim: false,
      color: null,
    });
    expect(styleOf(coloured, '  key textlink:received:')).toMatchObject({ dim: true });
    expect(styleOf(coloured, '401 unauthorized')).toMatchObject({ color: 31 });
  });

  test('NO_COLOR keeps the terminal plain, with the same layout', async () => {
    const terminal = await listenInTmux(['--secret', SECRET], { NO_COLOR: '1' });
    const first = await waitForScreen(terminal, 'Listening on');
    const url = /Listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(first)?.[1] ?? '';
    expect((await runCli(['send', 'textlink/sent', '--url', url, '--secret', SECRET])).code).toBe(
      0,
    );
    await waitForScreen(terminal, 'message.sent');
    const coloured = await screen(terminal, true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no escape at all may reach the screen.
    expect(coloured).not.toMatch(/\u001b\[/);
    expect(coloured.split('\n')[2]).toMatch(/^message\.sent {2}textlink {2}/);
  });
});
