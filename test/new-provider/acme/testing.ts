import { createFixtureSet } from '../../testing/fixture-set.js';
import { nextMillis, randomGuid } from '../../testing/fresh-values.js';
import { createJsonPost, defaultWebhookUrl, toRequestBody } from '../../testing/request-body.js';
import type { ProviderFixture, ProviderTestingDefinition } from '../types.js';
import inbound from './fixtures/inbound.json' with { type: 'json' };
import { ACME_TOKEN_HEADER, type acmeProvider } from './index.js';
import type { AcmeInbound } from './schema.js';

/** The Acme samples. */
export interface AcmeFixtures {
  /** An inbound message. */
  readonly inbound: AcmeInbound;
}

/** Options of {@link createAcmeRequest}. */
export interface CreateAcmeRequestOptions {
  /** The payload object (sent as JSON), or a string or bytes sent as they are. */
  readonly payload: AcmeInbound | string | Uint8Array;
  /** The token your handler is configured with; when absent, the request has none. */
  readonly secret?: string | undefined;
  /** Where the request goes. */
  readonly url?: string | URL | undefined;
}

/** Builds the `Request` Acme sends: a JSON POST with the token in `x-acme-token`. */
export async function createAcmeRequest(options: CreateAcmeRequestOptions): Promise<Request> {
  const { payload, secret, url = defaultWebhookUrl('acme') } = options;
  const headers: Record<string, string> =
    secret === undefined ? {} : { [ACME_TOKEN_HEADER]: secret };
  return createJsonPost(url, toRequestBody(payload), headers);
}

const { fixtures, fixtureList } = createFixtureSet<
  AcmeFixtures,
  ProviderFixture<'acme', AcmeInbound>
>('acme', [{ file: 'inbound', key: 'inbound', source: inbound }]);

/** Acme in `sms-webhooks/testing` and the `sms-webhooks` command. */
export const acmeTesting: ProviderTestingDefinition<
  typeof acmeProvider,
  'inbound',
  AcmeFixtures,
  ProviderFixture<'acme', AcmeInbound>,
  CreateAcmeRequestOptions
> = {
  id: 'acme',
  fixtures,
  fixtureList,
  payloadKinds: ['inbound'],
  createPayload: () => ({
    event: 'message.inbound',
    id: randomGuid(),
    from: '+14165550123',
    to: '+14165550199',
    text: 'Hello from Acme',
    received_at: new Date(nextMillis()).toISOString(),
  }),
  createRequest: createAcmeRequest,
  async createSendRequest({ body, secret, url }) {
    const request = await createAcmeRequest({ payload: body, secret, url });
    return { request, signing: secret === undefined ? 'unsigned' : ACME_TOKEN_HEADER };
  },
};
