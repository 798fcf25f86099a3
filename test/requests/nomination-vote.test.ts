import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDecisionClock } from '../../api/services/decisions/clock.ts';
import { createRequestHub, sampleRequest } from '../helpers/requests.ts';
import { json } from '../helpers/http.ts';

let hub: Awaited<ReturnType<typeof createRequestHub>>;
beforeEach(async () => {
  hub = await createRequestHub();
});
afterEach(() => hub.close());

const move = (person: string, id: string, body: Record<string, unknown>) => hub.as(person, `/api/v1/requests/${id}/transitions`, { method: 'POST', body });

describe('a dataset nomination the dataset_inclusion policy puts to a vote', () => {
  it('cannot be accepted before its linked vote has passed', async () => {
    const nomination = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: sampleRequest('dataset') }));
    await move('steward', nomination.id, { transition: 'triage' });
    await move('steward', nomination.id, { transition: 'start_review' });
    const early = await move('steward', nomination.id, { transition: 'accept' });
    expect(early.status).toBe(409);
    expect((await json(early)).error.message).toMatch(/put the nomination to a vote/);

    const voting = await json(hub.as('steward', `/api/v1/requests/${nomination.id}/vote`, { method: 'POST' }));
    expect(voting.linkedProposalId).toBeTruthy();
    const proposal = await json(hub.app.request(`/api/v1/proposals/${voting.linkedProposalId}`));
    expect(proposal).toMatchObject({ kind: 'dataset_inclusion', subject: { type: 'dataset', reference: `request:${nomination.id}` } });
    expect((await move('steward', nomination.id, { transition: 'accept' })).status).toBe(409);

    // Nobody votes: no quorum at the deadline, and the nomination cannot be accepted.
    hub.clock.set(proposal.closesAt);
    await runDecisionClock(hub.services, proposal.closesAt);
    const refused = await move('steward', nomination.id, { transition: 'accept' });
    expect((await json(refused)).error.message).toMatch(/no_quorum/);
    expect((await move('steward', nomination.id, { transition: 'decline', comment: 'The vote found no quorum.' })).status).toBe(200);
  });
});

describe('putting a nomination to a vote', () => {
  it('opens one vote when the steward and the secretariat do it at the same moment', async () => {
    const nomination = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: sampleRequest('dataset') }));
    await move('steward', nomination.id, { transition: 'triage' });
    await move('steward', nomination.id, { transition: 'start_review' });
    const answers = await Promise.all(['steward', 'secretary'].map((person) => hub.as(person, `/api/v1/requests/${nomination.id}/vote`, { method: 'POST' })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const votes = (await json(hub.app.request('/api/v1/proposals?limit=500'))).items.filter(
      (proposal: { subject: { reference?: string } }) => proposal.subject.reference === `request:${nomination.id}`,
    );
    expect(votes).toHaveLength(1);
  });
});

describe('handling rights', () => {
  it('lets handlers assign to someone who handles the type, and refuses everyone else', async () => {
    const request = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: sampleRequest('access') }));
    expect((await hub.as('outsider', `/api/v1/requests/${request.id}/assign`, { method: 'POST', body: { memberId: 'lawyer' } })).status).toBe(403);
    expect((await hub.as('requester', `/api/v1/requests/${request.id}/assign`, { method: 'POST', body: { memberId: 'lawyer' } })).status).toBe(403);
    expect((await hub.as('lawyer', `/api/v1/requests/${request.id}/assign`, { method: 'POST', body: { memberId: 'steward' } })).status).toBe(400);
    const assigned = await json(hub.as('secretary', `/api/v1/requests/${request.id}/assign`, { method: 'POST', body: { memberId: 'lawyer' } }));
    expect(assigned.assigneeMemberId).toBe('lawyer');
    expect((await hub.as('outsider', `/api/v1/requests/${request.id}/comments`, { method: 'POST', body: { body: 'hello' } })).status).toBe(403);
  });

  it('says which kind of request an assignee does not handle, in the words of the site', async () => {
    const nomination = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: sampleRequest('dataset') }));
    const refused = await json(hub.as('secretary', `/api/v1/requests/${nomination.id}/assign`, { method: 'POST', body: { memberId: 'lawyer' } }));
    expect(refused.error.message).toBe('Member "lawyer" does not handle dataset nominations (data_steward, secretariat).');
  });

  it('revokes granted access with a reason', async () => {
    const request = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: sampleRequest('access') }));
    expect(request.eligibility.eligible).toBe(true);
    await move('lawyer', request.id, { transition: 'start_review' });
    await move('lawyer', request.id, { transition: 'grant' });
    expect((await move('lawyer', request.id, { transition: 'revoke' })).status).toBe(400);
    const revoked = await json(move('lawyer', request.id, { transition: 'revoke', comment: 'Control changed hands.' }));
    expect(revoked).toMatchObject({ state: 'revoked', closedAt: expect.any(String) });
  });
});
