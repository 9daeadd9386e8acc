import { describe, expect, it } from 'vitest';
import type { SmsEvent } from '../../src/events.js';
import { safeParseSmsWebhook } from '../../src/parse.js';
import type { ProviderId, WebhookKind } from '../../src/providers/index.js';
import type { SmsDriftKind, SmsJsonType } from '../../src/tolerance/drift.js';
import { type FixtureName, fixtureJson } from './fixtures.js';

/** Marks a field to delete in {@link vary}. */
export const REMOVE: unique symbol = Symbol('remove');

function keysOf(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] === undefined ? (match[1] as string) : Number(match[2]),
  );
}

/**
 * A fixture with some fields changed: `{ 'Notifications[0].AttributionDetails': null }` sets one,
 * `{ 'conversation.message': REMOVE }` deletes one.
 */
export function vary(
  name: FixtureName,
  changes: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const body = fixtureJson(name);
  for (const [path, value] of Object.entries(changes)) {
    const keys = keysOf(path);
    const last = keys.pop() as string | number;
    let parent = body as Record<string | number, unknown>;
    for (const key of keys) parent = parent[key] as Record<string | number, unknown>;
    if (value === REMOVE) delete parent[last];
    else parent[last] = value;
  }
  return body;
}

/** A plausible delivery that must be accepted, and the drift it must report. */
export interface ToleratedCase {
  /** What varies, in words. */
  readonly name: string;
  /** The body, usually {@link vary} of a fixture. */
  readonly body: unknown;
  /** The TextLink kind, when the test names it. */
  readonly kind?: WebhookKind;
  /** Each drift report as `[path, kind, received]`, in order. */
  readonly drift: readonly (readonly [string, SmsDriftKind, SmsJsonType])[];
  /** Checks the events a user would see. */
  readonly check?: (events: SmsEvent[]) => void;
}

/** A delivery that must still be refused, and the fields the error must name. */
export interface RefusedCase {
  /** What is wrong, in words. */
  readonly name: string;
  /** The body. */
  readonly body: unknown;
  /** The TextLink kind, when the test names it. */
  readonly kind?: WebhookKind;
  /** The paths of the error's issues, in order. */
  readonly issues: readonly string[];
}

/**
 * Runs a provider's table of variations: each tolerated body is delivered with exactly the drift
 * listed (and refused under `strict` unless all of it is unknown fields); each refused body gives
 * `invalid_payload` naming exactly the fields listed.
 */
export function describeToleranceTable(
  provider: ProviderId,
  tolerated: readonly ToleratedCase[],
  refused: readonly RefusedCase[],
): void {
  describe(`${provider}: tolerated variations`, () => {
    it.each(tolerated.map((item) => [item.name, item] as const))('delivers %s', (_, item) => {
      const options = { provider, ...(item.kind ? { kind: item.kind } : {}) };
      const result = safeParseSmsWebhook(item.body, options);
      if (!result.success) expect.fail(`refused: ${JSON.stringify(result.error.issues)}`);
      expect(result.drift.map((report) => [report.path, report.kind, report.received])).toEqual(
        item.drift,
      );
      for (const report of result.drift) {
        expect(report.provider).toBe(provider);
        expect(report.expected).not.toBe('');
      }
      // Events stay plain data: they can be queued as JSON and cloned unchanged.
      expect(() => JSON.stringify(result.events)).not.toThrow();
      expect(structuredClone(result.events)).toEqual(result.events);
      item.check?.(result.events);

      const strict = safeParseSmsWebhook(item.body, { ...options, strict: true });
      const refusing = result.drift.filter((report) => report.kind !== 'unknown_field');
      if (refusing.length === 0) {
        expect(strict.success).toBe(true);
      } else if (strict.success) {
        expect.fail('strict accepted a drifting body');
      } else {
        expect(strict.error.code).toBe('invalid_payload');
        expect(strict.error.issues.map((issue) => issue.path)).toEqual(
          refusing.map((report) => report.path),
        );
      }
    });
  });

  describe(`${provider}: refused variations`, () => {
    it.each(refused.map((item) => [item.name, item] as const))('refuses %s', (_, item) => {
      const options = { provider, ...(item.kind ? { kind: item.kind } : {}) };
      const result = safeParseSmsWebhook(item.body, options);
      if (result.success) expect.fail('accepted a body without its identifying fields');
      expect(result.error.code).toBe('invalid_payload');
      expect(result.error.provider).toBe(provider);
      expect(result.error.issues.map((issue) => issue.path)).toEqual(item.issues);
    });
  });
}
