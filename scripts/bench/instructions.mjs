// One case of the instruction-count benchmark, run by bench.mjs under valgrind's callgrind, which
// counts machine instructions and so does not care how busy the machine is. Every case of the
// group is warmed up in every run, and only `count` extra calls of the chosen one differ, so the
// difference between a run with `count` calls and one with none is the steady cost of those calls.
//
//   valgrind --tool=callgrind node scripts/bench/instructions.mjs verify|parse@<fixture> <case> <count>
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSmsWebhook } from 'sms-webhooks';
import * as telmetrics from 'sms-webhooks/telmetrics';
import * as textlink from 'sms-webhooks/textlink';
import * as textrequest from 'sms-webhooks/textrequest';
import { zodFromValibot } from './zod-from-valibot.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [groupArgument, caseName, countText] = process.argv.slice(2);
const count = Number(countText);
const [group, fixture] = groupArgument.split('@');

/** The cases of one group: a fixture's parse contenders, or the verification contenders. */
async function casesOf(group, fixture) {
  if (group === 'verify') {
    const body = await readFile(join(root, 'fixtures/textrequest/message-received.json'), 'utf8');
    const apiKey = 'bench-api-key';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', apiKey).update(`${timestamp}.${body}`).digest('base64');
    const received = Buffer.from(signature, 'base64');
    const bytes = new TextEncoder().encode(body);
    const options = { body, signature, timestamp, apiKey };
    return {
      'node:crypto HMAC': () => {
        const expected = createHmac('sha256', apiKey)
          .update(`${timestamp}.`)
          .update(bytes)
          .digest();
        return received.length === expected.length && timingSafeEqual(received, expected);
      },
      verifyTextRequestSignature: () => textrequest.verifyTextRequestSignature(options),
    };
  }
  const provider = fixture.split('/')[0];
  const text = await readFile(join(root, 'fixtures', `${fixture}.json`), 'utf8');
  const json = JSON.parse(text);
  const schema =
    provider === 'telmetrics'
      ? telmetrics.TelmetricsWebhookSchema
      : provider === 'textrequest'
        ? textrequest.TextRequestWebhookSchema
        : textlink.textLinkSchemas[textlink.inferTextLinkKind(json)];
  const zod = zodFromValibot(schema);
  return {
    'JSON.parse': () => JSON.parse(text),
    'JSON.parse + zod': () => zod.parse(JSON.parse(text)),
    'parseSmsWebhook (provider given)': () => parseSmsWebhook(text, { provider }),
  };
}

const cases = await casesOf(group, fixture);
const selected = cases[caseName];
if (!selected) throw new Error(`no case ${caseName} in ${groupArgument}`);
/** Calls `fn` `times` times, awaiting only what returns a promise. */
async function repeat(fn, times) {
  const first = fn();
  if (typeof first?.then === 'function') {
    await first;
    for (let i = 1; i < times; i++) await fn();
  } else {
    for (let i = 1; i < times; i++) fn();
  }
}
for (const fn of Object.values(cases)) await repeat(fn, 3000);
if (count > 0) await repeat(selected, count);
