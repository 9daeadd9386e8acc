// Times parseSmsWebhook on one TextLink body in a process of its own started by bench.mjs, after
// 200,000 forged bodies were refused for a wrong secret: given as text, which the check decodes and
// then leaves unread (the way forged requests end), or, for the baseline, given already parsed. A
// server meets forged requests all day; they must leave nothing behind that slows the genuine
// deliveries after them. Prints one JSON line: { nsPerParse }.
//
//   node scripts/bench/after-refusals.mjs text|parsed
import { readFile } from 'node:fs/promises';
import { parseSmsWebhook } from 'sms-webhooks';
import { verifyTextLinkSecret } from 'sms-webhooks/textlink';

const count = 200_000;
const asText = process.argv[2] === 'text';
const text = await readFile(
  new URL('../../fixtures/textlink/received.json', import.meta.url),
  'utf8',
);
const forged = text.replace('YOUR_WEBHOOK_SECRET', 'a-forged-secret');
const forgedBody = asText ? forged : JSON.parse(forged);
const options = { provider: 'textlink' };

for (let i = 0; i < 20_000; i++) parseSmsWebhook(text, options);
for (let i = 0; i < count; i++) {
  if (verifyTextLinkSecret(forgedBody, 'YOUR_WEBHOOK_SECRET'))
    throw new Error('a forged body passed');
}
const batches = [];
for (let batch = 0; batch < 9; batch++) {
  const started = performance.now();
  for (let i = 0; i < 10_000; i++) parseSmsWebhook(text, options);
  batches.push(((performance.now() - started) * 1e6) / 10_000);
}
batches.sort((a, b) => a - b);
console.log(JSON.stringify({ nsPerParse: batches[Math.floor(batches.length / 2)] }));
