import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { provesText } from '../../api/domain/ledger/salted-digest.ts';
import { canonicalJson } from '../../api/domain/ledger/canonical-json.ts';
import { json } from '../helpers/http.ts';
import { createRequestHub, sampleRequest } from '../helpers/requests.ts';

let hub: Awaited<ReturnType<typeof createRequestHub>>;
afterEach(() => hub.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('digests of free text in the public ledger', () => {
  it('cannot be confirmed by guessing, and the author proves the text with its salt', async () => {
    hub = await createRequestHub();
    const request = sampleRequest('dataset');
    const filed = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: request }));
    await hub.as('steward', `/api/v1/requests/${filed.id}/transitions`, { method: 'POST', body: { transition: 'triage', comment: 'ok' } });
    await hub.as('requester', `/api/v1/requests/${filed.id}/comments`, { method: 'POST', body: { body: 'yes' } });

    const feed = await json(hub.app.request('/api/v1/events?after=0&limit=500'));
    const ofRequest = feed.items.filter((entry: { subject: string }) => entry.subject === `request:${filed.id}`);
    const digests = Object.fromEntries(ofRequest.map((entry: { type: string; data: { digest?: string; commentDigest?: string } }) => [entry.type, entry.data.digest ?? entry.data.commentDigest]));
    // A guess of a short comment, or of the filing, matches nothing public.
    const guesses = ['ok', 'yes', canonicalJson(request)].map(sha256);
    for (const digest of Object.values(digests)) expect(guesses).not.toContain(digest);

    const view = await json(hub.as('requester', `/api/v1/requests/${filed.id}`));
    const transition = view.activity.find((entry: { kind: string }) => entry.kind === 'transition');
    const comment = view.activity.find((entry: { kind: string }) => entry.kind === 'comment');
    expect(provesText(digests['request.transitioned'], 'ok', transition.commentSalt)).toBe(true);
    expect(provesText(digests['request.commented'], 'yes', comment.commentSalt)).toBe(true);
    expect(provesText(digests['request.commented'], 'no', comment.commentSalt)).toBe(false);
    // The salts are not public: an anonymous reader sees neither them nor the text.
    expect(JSON.stringify(await json(hub.app.request(`/api/v1/requests/${filed.id}`)))).not.toContain(comment.commentSalt);
  });
});
