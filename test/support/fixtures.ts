import { readdirSync, readFileSync } from 'node:fs';
import type { SmsEventType } from '../../src/events.js';
import { type ProviderId, providers } from '../../src/providers/index.js';

const fixturesDir = new URL('../../fixtures/', import.meta.url);

/** Every fixture file the providers ship, by `<provider>/<name>`. */
export const fixtureNames = [
  'telmetrics/sms-conversation-start',
  'telmetrics/sms-conversation-start-attributed',
  'telmetrics/call-preprocessed',
  'textlink/received',
  'textlink/sent',
  'textlink/failed',
  'textlink/tag-changed',
  'textlink/how-it-works',
  'textrequest/message-sent',
  'textrequest/message-received',
  'textrequest/message-received-extended',
  'textrequest/contact-created',
  'textrequest/contact-updated',
  'textrequest/message-status',
  'textrequest/message-status-error',
  'textrequest/location-received',
  'textrequest/payment-status-updated',
] as const;

/** The name of a fixture file, `<provider>/<name>`. */
export type FixtureName = (typeof fixtureNames)[number];

/** The `type` of the event each fixture becomes (every one becomes exactly one event), by name. */
export const fixtureEventTypes: Readonly<Record<string, SmsEventType>> = {
  'telmetrics/call-preprocessed': 'unknown',
  'telmetrics/sms-conversation-start': 'conversation.started',
  'telmetrics/sms-conversation-start-attributed': 'conversation.started',
  'textlink/failed': 'message.failed',
  'textlink/how-it-works': 'message.received',
  'textlink/received': 'message.received',
  'textlink/sent': 'message.sent',
  'textlink/tag-changed': 'contact.tag_changed',
  'textrequest/contact-created': 'contact.created',
  'textrequest/contact-updated': 'contact.updated',
  'textrequest/location-received': 'location.received',
  'textrequest/message-received': 'message.received',
  'textrequest/message-received-extended': 'message.received',
  'textrequest/message-sent': 'message.sent',
  'textrequest/message-status': 'message.status',
  'textrequest/message-status-error': 'message.failed',
  'textrequest/payment-status-updated': 'payment.updated',
} satisfies Record<FixtureName, SmsEventType>;

/** One documented sample from fixtures/, with the provider it belongs to. */
export interface FixtureFile {
  /** The provider whose folder holds the file. */
  readonly provider: ProviderId;
  /** `<provider>/<file name without .json>`. */
  readonly name: string;
  /** The file's text exactly as stored. */
  readonly text: string;
  /** The file's text parsed as JSON. */
  readonly json: unknown;
}

function readFixture(name: string): string {
  return readFileSync(new URL(`${name}.json`, fixturesDir), 'utf8');
}

/** Returns a fixture file's text exactly as stored, to send and sign as a provider would. */
export function fixtureText(name: FixtureName): string {
  return readFixture(name);
}

/** Returns a fixture as a fresh JSON object, to change before sending. */
export function fixtureJson(name: FixtureName): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

/** Every fixture file on disk, listed and read fresh, so tests cannot drift from what ships. */
export function readFixtures(): FixtureFile[] {
  return providers.flatMap(({ id: provider }) =>
    readdirSync(new URL(`${provider}/`, fixturesDir))
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => {
        const name = `${provider}/${file.replace(/\.json$/, '')}`;
        const text = readFixture(name);
        return { provider, name, text, json: JSON.parse(text) };
      }),
  );
}
