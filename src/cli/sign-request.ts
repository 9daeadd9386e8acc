import { type ProviderId, providers } from '../providers/index.js';
import { getTestingKit } from '../testing/registry.js';
import { CommandFailure } from './CommandFailure.js';
import { UsageError } from './UsageError.js';

/**
 * Builds the POST a provider would send with `body` to `url`, signed with `secret` the way it
 * signs (now, for a signed timestamp), through the provider's testing kit, and says how it was
 * signed.
 */
export async function signRequest(
  provider: ProviderId,
  body: Uint8Array,
  secret: string | undefined,
  scheme: string | undefined,
  url: URL,
): Promise<{ readonly request: Request; readonly signing: string }> {
  const kit = getTestingKit(provider);
  if (!kit) {
    throw new UsageError(`--provider must be one of ${providers.map((p) => p.id).join(', ')}.`);
  }
  // readScheme accepted the scheme for this provider, so its signing takes it.
  const send = kit.createSendRequest as (options: {
    body: Uint8Array;
    secret: string | undefined;
    scheme: string | undefined;
    url: URL;
  }) => Promise<{ readonly request: Request; readonly signing: string }>;
  try {
    return await send({ body, secret, scheme, url });
  } catch (error) {
    // A body that cannot carry the secret (TextLink's goes in the body) is the input's fault.
    if (error instanceof TypeError) throw new CommandFailure(error.message);
    throw error;
  }
}

const TIMEOUT_MS = 30_000;

/**
 * Sends a request without following redirects and resolves to the answer; a network failure or
 * a timeout becomes a {@link CommandFailure} whose message `mask` has cleaned.
 */
export async function sendRequest(
  request: Request,
  mask: (text: string) => string,
): Promise<Response> {
  try {
    return await fetch(request, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { message?: unknown } } | null)?.cause?.message;
    const reason =
      (error as Error | null)?.name === 'TimeoutError'
        ? `no answer within ${TIMEOUT_MS / 1000} seconds`
        : String(cause ?? (error as Error | null)?.message ?? error);
    throw new CommandFailure(mask(`The request failed: ${reason}.`));
  }
}
