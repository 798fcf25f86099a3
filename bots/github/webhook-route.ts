import { verifyWithFallback } from '@octokit/webhooks-methods';
import { Hono } from 'hono';
import type { AppEnv } from '../../api/http/app-env.ts';
import { respondWithProblem } from '../../api/http/problem.ts';
import { clientAddress, tooMany } from '../../api/http/rate-limit.ts';
import type { RateLimits } from '../../api/http/rate-limits.ts';
import { storeDelivery } from '../../api/services/github/deliveries.ts';
import { wellFormedDeep } from '../../api/services/storable-text.ts';

export type WebhookSecrets = { current: string; previous: readonly string[] };

export type GitHubWebhookOptions = {
  /** Null while GITHUB_WEBHOOK_SECRET is unset: the endpoint answers 503. */
  secrets: WebhookSecrets | null;
  rateLimits: RateLimits;
  /** Called after a new delivery is stored, so the queue applies it soon. */
  onStored?: () => void;
};

const GUID = /^[\w-]{1,100}$/;
const EVENT = /^[a-z_]{1,64}$/;

/**
 * `POST /webhooks/github`. The signature is checked on the raw body before anything else reads
 * it; a verified delivery is stored under its GUID and answered at once (202), and the queue
 * applies it afterwards (bots/github/delivery-queue.ts), so GitHub gets its answer well within
 * its 10 s whatever the work costs. A redelivery of a stored GUID is acknowledged and not queued again.
 */
export function githubWebhookRoute(options: GitHubWebhookOptions) {
  return new Hono<AppEnv>().post('/webhooks/github', async (c) => {
    if (!options.secrets)
      return respondWithProblem(c, 'unavailable', 'The GitHub webhook is not configured on this hub (GITHUB_WEBHOOK_SECRET is unset).');
    const body = await c.req.text();
    const signature = c.req.header('x-hub-signature-256') ?? '';
    const { current, previous } = options.secrets;
    const verified = signature !== '' && (await verifyWithFallback(current, body, signature, [...previous]).catch(() => false)) === true;
    if (!verified) {
      const refusal = await options.rateLimits.consume('webhookSignatureFailures', clientAddress(c));
      if (refusal) return tooMany(c, refusal);
      return respondWithProblem(
        c,
        'unauthorized',
        signature === '' ? 'X-Hub-Signature-256 is missing: deliveries must be signed with the webhook secret.' : 'X-Hub-Signature-256 does not match the body and the webhook secret.',
      );
    }
    const id = c.req.header('x-github-delivery') ?? '';
    const event = c.req.header('x-github-event') ?? '';
    if (!GUID.test(id)) return respondWithProblem(c, 'invalid', 'X-GitHub-Delivery is missing or not a delivery GUID.');
    if (!EVENT.test(event)) return respondWithProblem(c, 'invalid', 'X-GitHub-Event is missing or not an event name.');
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return respondWithProblem(c, 'invalid', 'The delivery body is not JSON (the webhook must send application/json).');
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      return respondWithProblem(c, 'invalid', 'The delivery body is not a JSON object.');
    const stored = await storeDelivery(c.var.services, { id, event, payload: wellFormedDeep(payload) as Record<string, unknown> });
    if (stored === 'stored') options.onStored?.();
    c.var.logger.info('github delivery', { requestId: c.var.requestId, delivery: id, event, action: (payload as { action?: unknown }).action, stored });
    return c.json({ delivery: id, event, status: stored === 'stored' ? 'queued' : 'duplicate' }, stored === 'stored' ? 202 : 200);
  });
}
