/**
 * Acme webhooks, a provider that exists only to show that one folder and one registry line add a
 * provider: inbound messages, verified by an `x-acme-token` header.
 *
 * @module sms-webhooks/acme
 */
import { isJsonObject } from '../../is-json-object.js';
import { validatePayload } from '../../validate.js';
import { checkSecret } from '../../verify/check-secret.js';
import type { ProviderDefinition } from '../types.js';
import { type AcmeEvent, normalizeAcmeInbound } from './normalize.js';
import { AcmeInboundSchema } from './schema.js';

export { type AcmeEvent, normalizeAcmeInbound } from './normalize.js';
export { type AcmeInbound, type AcmeInboundEntries, AcmeInboundSchema } from './schema.js';

/** The header Acme sends the webhook token in. */
export const ACME_TOKEN_HEADER = 'x-acme-token';

/** Acme in the provider registry: no kinds, one scheme (`token-header`). */
export const acmeProvider: ProviderDefinition<'acme', never, 'token-header', AcmeEvent> = {
  id: 'acme',
  name: 'Acme',
  kinds: [],
  verificationSchemes: ['token-header'],
  detect(body) {
    try {
      return isJsonObject(body) && body.event === 'message.inbound' && typeof body.id === 'string';
    } catch {
      return false;
    }
  },
  parse(body) {
    return [normalizeAcmeInbound(validatePayload(AcmeInboundSchema, body, 'acme'))];
  },
  async verify(request, secrets) {
    return checkSecret(request.headers.get(ACME_TOKEN_HEADER), secrets, {
      missing: `The ${ACME_TOKEN_HEADER} header is missing or blank.`,
      malformed: `The ${ACME_TOKEN_HEADER} header is not a string.`,
      mismatch: `The ${ACME_TOKEN_HEADER} header matches none of the configured tokens.`,
    });
  },
};
