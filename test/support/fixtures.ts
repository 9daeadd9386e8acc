import { readFileSync } from 'node:fs';

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
] as const;

/** The name of a fixture file, `<provider>/<name>`. */
export type FixtureName = (typeof fixtureNames)[number];

/** Returns a fixture file's text exactly as stored, to send and sign as a provider would. */
export function fixtureText(name: FixtureName): string {
  return readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), 'utf8');
}

/** Returns a fixture as a fresh JSON object, to change before sending. */
export function fixtureJson(name: FixtureName): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}
