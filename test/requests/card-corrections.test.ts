import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { json } from '../helpers/http.ts';
import { createPeopleHub } from '../helpers/people-hub.ts';
import { REQUEST_PEOPLE, sampleRequest } from '../helpers/requests.ts';

// Model-card corrections through the API on a real libSQL database: filed by anyone with a token,
// checked against the model registry, handled by release managers and the secretariat.

let hub: Awaited<ReturnType<typeof createPeopleHub>>;
beforeEach(async () => {
  // Its own deadline setting, to see a correction's due date come from the synced content.
  hub = await createPeopleHub(REQUEST_PEOPLE, { editContent: (content) => content.edit('governance/requests.yaml', (text) => text.replace('card_correction: 30', 'card_correction: 10')) });
});
afterEach(() => hub.close());

const DAY = 86_400_000;
const file = (body: unknown) => hub.as('requester', '/api/v1/requests', { method: 'POST', body });
const move = (person: string, id: string, transition: string, comment?: string) =>
  hub.as(person, `/api/v1/requests/${id}/transitions`, { method: 'POST', body: { transition, ...(comment ? { comment } : {}) } });
const rows = async (table: typeof tables.requests | typeof tables.ledger) => (await hub.database.db.select({ n: count() }).from(table))[0]!.n;

describe('filing a model-card correction', () => {
  it('is accepted for a model of the registry, due after the configured days, only the contact confidential', async () => {
    const response = await file(sampleRequest('card_correction'));
    expect(response.status, await response.clone().text()).toBe(201);
    const filed = await json(response);
    expect(filed).toMatchObject({ type: 'card_correction', state: 'submitted', periodDays: 10, dueAt: '2026-12-05T09:00:00.000Z', answeredAt: null });
    expect(Object.keys(filed.confidential)).toEqual(['contact']);
    expect(filed.details).toMatchObject({ model_id: 'agora-demo-1b-v0-1', field: 'training_data.summary x', evidence: ['https://example.org/run-report-x.pdf'] });
  });

  it('may leave out the contact: a GitHub issue author is reached on the issue', async () => {
    const { contact: _contact, ...withoutContact } = sampleRequest('card_correction') as Record<string, unknown>;
    const response = await file(withoutContact);
    expect(response.status, await response.clone().text()).toBe(201);
    expect((await json(response)).confidential).toEqual({});
  });

  it('refuses a model the registry does not hold, naming the field, and writes nothing', async () => {
    const [requests, ledger] = [await rows(tables.requests), await rows(tables.ledger)];
    const response = await file({ ...sampleRequest('card_correction'), model_id: 'no-such-model-v9' });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({
      error: {
        code: 'invalid',
        message: '"model_id": no model has the id "no-such-model-v9" in the registry (GET /api/v1/models lists them).',
        details: { issues: [{ path: 'model_id', message: 'no model has the id "no-such-model-v9" in the registry (GET /api/v1/models lists them)' }] },
      },
    });
    expect([await rows(tables.requests), await rows(tables.ledger)]).toEqual([requests, ledger]);
  });

  it('refuses a model id that is not an id, with the schema\'s words', async () => {
    const response = await file({ ...sampleRequest('card_correction'), model_id: 'agora demo/1b' });
    expect(response.status).toBe(400);
    expect((await json(response)).error.details.issues).toEqual([{ in: 'json', path: 'model_id', message: 'expected a model id from the registry (e.g. "oellm-7b-v1")' }]);
  });
});

describe('handling a model-card correction', () => {
  it('goes from review to a fix, the clock stopped while waiting for the requester', async () => {
    const { id } = await json(file(sampleRequest('card_correction')));
    expect((await move('release-manager', id, 'start_review')).status).toBe(200);
    hub.clock.advance(DAY);
    expect((await move('secretary', id, 'ask_info', 'Which run report?')).status).toBe(200);
    hub.clock.advance(3 * DAY);
    expect(await json(hub.app.request(`/api/v1/requests/${id}`))).toMatchObject({ state: 'needs_info', paused: true, overdue: false });
    const back = await json(move('requester', id, 'provide_info', 'The one of 2026-11-01.'));
    expect(back).toMatchObject({ state: 'under_review', paused: false, dueAt: '2026-12-08T09:00:00.000Z' });

    const accepted = await json(move('release-manager', id, 'accept', 'A pull request will fix it.'));
    expect(accepted).toMatchObject({ state: 'accepted', answeredAt: hub.clock().toISOString(), answeredOnTime: true, closedAt: null });
    hub.clock.advance(DAY);
    const fixed = await json(move('release-manager', id, 'fix', 'Fixed by the pull request that corrects the token count.'));
    expect(fixed).toMatchObject({ state: 'fixed', answeredAt: accepted.answeredAt, closedAt: hub.clock().toISOString() });
    expect(fixed.activity.map((entry: { transition: string | null }) => entry.transition)).toEqual([null, 'start_review', 'ask_info', 'provide_info', 'accept', 'fix']);
  });

  it('is for release managers and the secretariat; only a release manager marks it fixed', async () => {
    const { id } = await json(file(sampleRequest('card_correction')));
    for (const person of ['steward', 'lawyer', 'outsider']) expect((await move(person, id, 'start_review')).status, person).toBe(403);
    expect((await move('secretary', id, 'start_review')).status).toBe(200);
    expect((await move('secretary', id, 'accept')).status).toBe(200);
    const refused = await move('secretary', id, 'fix');
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.message).toBe('"fix" is for release_manager.');
    expect((await move('requester', id, 'withdraw')).status).toBe(409);
  });

  it('is declined with a reason, or withdrawn by the requester', async () => {
    const declined = await json(file(sampleRequest('card_correction')));
    expect((await move('release-manager', declined.id, 'decline')).status).toBe(400);
    expect(await json(move('release-manager', declined.id, 'decline', 'The card matches the run report.'))).toMatchObject({ state: 'declined', closedAt: expect.any(String) });
    const withdrawn = await json(file(sampleRequest('card_correction')));
    expect(await json(move('requester', withdrawn.id, 'withdraw'))).toMatchObject({ state: 'withdrawn', closedAt: expect.any(String) });
  });

  it('is assigned to a release manager, not to a member who handles other requests', async () => {
    const { id } = await json(file(sampleRequest('card_correction')));
    const assign = (memberId: string) => hub.as('secretary', `/api/v1/requests/${id}/assign`, { method: 'POST', body: { memberId } });
    expect(await json(assign('release-manager'))).toMatchObject({ assigneeMemberId: 'release-manager' });
    const refused = await assign('lawyer');
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.message).toBe('Member "lawyer" does not handle model-card corrections (release_manager, secretariat).');
  });

  it('is listed and exported by its type and states', async () => {
    const { id } = await json(file(sampleRequest('card_correction')));
    await move('release-manager', id, 'start_review');
    await move('release-manager', id, 'accept');
    await move('release-manager', id, 'fix');
    await file(sampleRequest('dataset'));
    const listed = await json(hub.app.request('/api/v1/requests?type=card_correction&state=fixed'));
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([id]);
    const csv = await (await hub.app.request('/api/v1/requests/export?type=card_correction')).text();
    expect(csv.trimEnd().split('\r\n')).toEqual([expect.stringMatching(/^id,type,state,/), expect.stringMatching(new RegExp(`^${id},card_correction,fixed,`))]);
  });
});
