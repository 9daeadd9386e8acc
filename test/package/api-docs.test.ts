import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTypePage, readTypePage, renderedText, type TypePage } from './doc-pages.js';
import { type PublicType, type PublicTypes, readPublicTypes } from './public-types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const typedoc = fileURLToPath(new URL('../../node_modules/typedoc/bin/typedoc', import.meta.url));

let out: string;
let build: { code: number; text: string };
let publicTypes: PublicTypes;

// typedoc.json sets the validation (notExported, invalidLink, notDocumented) and makes every
// warning an error; the HTML goes to a temporary folder, where the page tests read it.
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'sms-webhooks-api-docs-'));
  build = await promisify(execFile)('node', [typedoc, '--out', out], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, text: `${stdout}\n${stderr}` }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      text: `${error.stdout}\n${error.stderr}`,
    }),
  );
  publicTypes = readPublicTypes(root);
}, 180_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

it('the API docs build without a warning: every export and field documented, every link valid', () => {
  const lines = stripVTControlCharacters(build.text).split('\n');
  // Each problem with the lines TypeDoc prints under it (e.g. where a symbol is declared).
  const problems: string[] = [];
  for (const line of lines) {
    if (/^\[(warning|error)\]/.test(line)) {
      if (!/^\[(warning|error)\] Found \d+ errors and \d+ warnings/.test(line)) problems.push(line);
    } else if (/^\s+\S/.test(line) && problems.length > 0) {
      problems[problems.length - 1] += `\n${line}`;
    }
  }
  expect(problems).toEqual([]);
  expect(build.code).toBe(0);
});

/** Every field of each type that its page does not show with the field's own TSDoc. */
function undocumentedFields(types: readonly PublicType[]): string[] {
  const problems: string[] = [];
  for (const type of types) {
    const where = `${type.module} ${type.name} (${type.file})`;
    const path = findTypePage(out, type.module, type.name);
    if (!path) {
      problems.push(`${where}: no page`);
      continue;
    }
    const page = readTypePage(path);
    for (const field of type.fields) {
      const shown = page.fields.get(field.name);
      if (field.descriptions.length === 0) {
        problems.push(`${where}.${field.name}: no TSDoc in the source`);
      } else if (!shown) {
        problems.push(`${where}.${field.name}: not listed on its page`);
      } else {
        for (const description of field.descriptions) {
          if (shown.description.includes(renderedText(description))) continue;
          problems.push(
            `${where}.${field.name}: the page says ${JSON.stringify(shown.description)}, the source ${JSON.stringify(description)}`,
          );
        }
      }
    }
  }
  return problems;
}

describe('the pages of the API docs', () => {
  it('list every field of every wire type with the description its schema gives it', () => {
    const names = publicTypes.wire.map((type) => type.name);
    // The payloads themselves, not only their parts, are among the types checked.
    expect(names).toEqual(
      expect.arrayContaining([
        'TelmetricsWebhook',
        'TelmetricsSmsConversationStart',
        'TextLinkReceivedMessage',
        'TextLinkTagChange',
        'TextRequestMessage',
        'TextRequestContactCreated',
      ]),
    );
    expect(undocumentedFields(publicTypes.wire)).toEqual([]);
  });

  it('list every field of every event type with its description', () => {
    expect(publicTypes.events.map((type) => type.name)).toEqual(
      expect.arrayContaining(['SmsMessageReceivedEvent', 'TextLinkReceivedEvent']),
    );
    expect(undocumentedFields(publicTypes.events)).toEqual([]);
  });

  it('link every SmsEvent variant from the SmsEvent page to a page with its fields', () => {
    const path = findTypePage(out, 'sms-webhooks', 'SmsEvent');
    expect(path).toBeDefined();
    const linked: TypePage[] = readTypePage(path as string).links.map(readTypePage);
    const literal = (page: TypePage, field: string): string | undefined =>
      new RegExp(`^${field}: "([^"]+)"$`).exec(page.fields.get(field)?.signature ?? '')?.[1];
    const shown = linked.map((page) => ({
      type: literal(page, 'type'),
      provider: literal(page, 'provider'),
    }));
    expect(publicTypes.variants.length).toBeGreaterThan(0);
    const missing = publicTypes.variants.filter(
      (variant) =>
        !shown.some((page) => page.type === variant.type && page.provider === variant.provider),
    );
    expect(missing).toEqual([]);
  });
});
