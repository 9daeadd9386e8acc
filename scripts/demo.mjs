// `npm run demo`: builds the package, then sends every sample in fixtures/ over real HTTP to a
// local server running `createNodeHandler` (one handler per provider, each with a secret), signed
// or carrying the secret as the provider does, and prints the normalized events. A forged request
// shows the refusal. Exits 1 when a sample is not accepted or the forgery is not refused.
import { createHmac, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createNodeHandler } from 'sms-webhooks/node';

const fixturesDir = new URL('../fixtures/', import.meta.url);

// Fresh secrets for this run only; they are never printed.
const secrets = {
  telmetrics: randomBytes(24).toString('base64url'),
  textlink: randomBytes(24).toString('base64url'),
  textrequest: randomBytes(24).toString('base64url'),
};

/** How each provider proves a delivery is genuine, applied to a sample's exact text. */
const signers = {
  // ASP.NET WebHooks style, as Telmetrics deliveries are shaped: hex HMAC-SHA256 of the body.
  telmetrics: (text) => ({
    body: text,
    headers: {
      'ms-signature': `sha256=${createHmac('sha256', secrets.telmetrics).update(text).digest('hex')}`,
    },
  }),
  // TextLink puts the webhook secret in the body itself; the samples carry a placeholder or none.
  textlink: (text) => ({
    body: JSON.stringify({ ...JSON.parse(text), secret: secrets.textlink }),
    headers: {},
  }),
  // Base64 HMAC-SHA256 of `{timestamp}.{raw body}`, keyed with the account's API key.
  textrequest: (text, key = secrets.textrequest) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', key).update(`${timestamp}.${text}`).digest('base64');
    return {
      body: text,
      headers: { 'x-tr-webhook-signature': signature, 'x-tr-webhook-timestamp': timestamp },
    };
  },
};

const providers = Object.keys(signers);

// Events of the request being sent; onEvent runs before the handler answers, and requests are
// sent one at a time, so everything here belongs to the latest response.
let received = [];

function record(event) {
  received.push(event);
}

const handlers = new Map(
  providers.map((provider) => [
    `/${provider}`,
    createNodeHandler({ provider, secret: secrets[provider], onEvent: record }),
  ]),
);

const server = createServer((req, res) => {
  const handler = handlers.get(new URL(req.url ?? '/', 'http://localhost').pathname);
  if (handler) {
    void handler(req, res);
    return;
  }
  res.writeHead(404).end();
});

await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const origin = `http://127.0.0.1:${server.address().port}`;

async function post(path, { body, headers }) {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const events = received;
  received = [];
  return { status: response.status, json, events };
}

const orDash = (value) => (value === null || value === undefined || value === '' ? '—' : value);

function describeContact(contact) {
  if (!contact) return null;
  const address = contact.address
    ? [
        contact.address.street,
        contact.address.city,
        contact.address.state,
        contact.address.postalCode,
      ]
        .filter((part) => part !== null)
        .join(', ')
    : null;
  const parts = [
    contact.name,
    contact.phoneNumber,
    contact.id === null ? null : `id ${contact.id}`,
    contact.tag === null ? null : `tag ${contact.tag}`,
    address,
  ].filter((part) => part !== null && part !== '');
  return parts.length > 0 ? parts.join(' · ') : null;
}

function describeAttribution(attribution) {
  const { sessionTag, ...fields } = attribution;
  const rows = Object.entries(fields)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => [`  ${name}`, value]);
  if (sessionTag) {
    rows.push([
      '  sessionTag',
      [sessionTag.id, sessionTag.data, sessionTag.time].filter((part) => part !== null).join(' · '),
    ]);
  }
  return rows;
}

/** The rows printed for one event: the common fields, then those of its type. */
function rowsOf(event) {
  const rows = [];
  if ('from' in event) rows.push(['from → to', `${orDash(event.from)} → ${orDash(event.to)}`]);
  if ('text' in event) rows.push(['text', event.text === null ? '—' : JSON.stringify(event.text)]);
  rows.push(['occurredAt', orDash(event.occurredAt)]);
  rows.push(['idempotencyKey', event.idempotencyKey]);
  if ('intent' in event) rows.push(['intent', orDash(event.intent)]);
  if ('action' in event) rows.push(['action', orDash(event.action)]);
  if (event.conversationId) rows.push(['conversationId', event.conversationId]);
  if (event.messageId) rows.push(['messageId', event.messageId]);
  const contact = describeContact(event.contact);
  if (contact) rows.push(['contact', contact]);
  if ('businessNumber' in event) rows.push(['businessNumber', orDash(event.businessNumber)]);
  if ('tag' in event) rows.push(['tag', orDash(event.tag)]);
  if ('subaccountId' in event) rows.push(['subaccountId', orDash(event.subaccountId)]);
  if ('paymentId' in event) rows.push(['paymentId', orDash(event.paymentId)]);
  if ('status' in event) rows.push(['status', `${event.status} (${orDash(event.providerStatus)})`]);
  if ('errorCode' in event && event.errorCode !== null) rows.push(['errorCode', event.errorCode]);
  if ('optedOut' in event) {
    const flags = ['optedOut', 'suppressed', 'blocked', 'archived'].filter((flag) => event[flag]);
    rows.push(['flags', flags.length > 0 ? flags.join(', ') : '—']);
  }
  if ('latitude' in event) {
    rows.push(['location', `${event.latitude}, ${event.longitude}  ${orDash(event.address)}`]);
  }
  for (const media of event.media ?? []) {
    rows.push(['media', `${media.url}${media.contentType ? ` (${media.contentType})` : ''}`]);
  }
  if (event.attribution) rows.push(['attribution', ''], ...describeAttribution(event.attribution));
  return rows;
}

function printEvent(event) {
  console.log(`    ${event.type} · ${event.provider}`);
  for (const [label, value] of rowsOf(event)) {
    console.log(`      ${label.padEnd(16)}${value}`.trimEnd());
  }
}

function explain(json) {
  const error = json?.error;
  if (!error) return '';
  const issues = (error.issues ?? []).map((issue) => `${issue.path || '(body)'}: ${issue.message}`);
  return ` ${error.code}${issues.length > 0 ? ` — ${issues.join('; ')}` : ''}`;
}

let failures = 0;
console.log(`sms-webhooks demo: createNodeHandler on ${origin}, one route per provider`);
console.log('(a secret for each provider was generated for this run; it is not shown)\n');

try {
  for (const provider of providers) {
    const files = readdirSync(new URL(`${provider}/`, fixturesDir))
      .filter((file) => file.endsWith('.json'))
      .sort();
    for (const file of files) {
      const text = readFileSync(new URL(`${provider}/${file}`, fixturesDir), 'utf8');
      const { status, json, events } = await post(`/${provider}`, signers[provider](text));
      const accepted = status === 200 && events.length > 0;
      if (!accepted) failures += 1;
      console.log(
        `${accepted ? '✔' : '✘'} POST /${provider}  fixtures/${provider}/${file}  → ${status}${explain(json)}`,
      );
      for (const event of events) printEvent(event);
      console.log('');
    }
  }

  // A Text Request message signed with a key that is not the account's: refused, no event.
  const sample = readFileSync(new URL('textrequest/message-received.json', fixturesDir), 'utf8');
  const forged = await post(
    '/textrequest',
    signers.textrequest(sample, randomBytes(24).toString('base64url')),
  );
  const refused = forged.status === 401 && forged.events.length === 0;
  if (!refused) failures += 1;
  console.log(
    `${refused ? '✔' : '✘'} POST /textrequest  forged x-tr-webhook-signature  → ${forged.status}${explain(forged.json)}, ${forged.events.length} events`,
  );
} finally {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

console.log(
  failures === 0
    ? '\nEvery sample was accepted and the forgery refused.'
    : `\n${failures} request(s) did not behave as expected.`,
);
process.exitCode = failures === 0 ? 0 : 1;
