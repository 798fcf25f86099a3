import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { runDecisionClock } from '../../api/services/decisions/clock.ts';
import { verifyProposalTally } from '../../api/services/decisions/verify.ts';
import { BINDING, createDecisionHub, delegatesOf } from '../helpers/decisions.ts';
import { dumpDatabase } from '../helpers/dump.ts';
import { json } from '../helpers/http.ts';

const MODEL = 'agora-demo-1b-v0-1';
let hub: Awaited<ReturnType<typeof createDecisionHub>>;
let admin: string;

beforeEach(async () => {
  hub = await createDecisionHub([
    ...delegatesOf(BINDING),
    { id: 'second-csc', organization: 'csc', roles: ['delegate'] },
    { id: 'staff-csc', organization: 'csc', roles: [] },
    { id: 'laion-member', organization: 'laion', roles: ['delegate'] },
    { id: 'secretary', organization: 'charles-university', roles: ['secretariat'] },
  ]);
  admin = await adminToken();
});
afterEach(() => hub.close());

async function checkpointDigest(step = 1000): Promise<string> {
  const [checkpoint] = await hub.database.db.select().from(tables.checkpoints).where(eq(tables.checkpoints.modelId, MODEL));
  const all = await hub.database.db.select().from(tables.checkpoints).where(eq(tables.checkpoints.modelId, MODEL));
  return (all.find((row) => row.step === step) ?? checkpoint)!.digest;
}

async function openRelease() {
  const response = await hub.as('d-charles-university', '/api/v1/proposals', {
    method: 'POST',
    body: { kind: 'release', title: 'Release Agora Demo 1B v0.1', subject: { type: 'model_release', modelId: MODEL, checkpointDigest: await checkpointDigest() } },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json(response)) as { id: string; subject: { cardRevision: string }; closesAt: string; minCloseAt: string; electorate: { binding: string[] } };
}

const vote = (person: string, id: string, option: string, reason?: string) =>
  hub.as(person, `/api/v1/proposals/${id}/ballots`, { method: 'POST', body: { option, ...(reason ? { reason } : {}) } });

describe('a release vote over the API', () => {
  it('pins checkpoint and card revision, snapshots the electorate and counts one ballot per organisation', async () => {
    const proposal = await openRelease();
    expect(proposal.subject.cardRevision).toMatch(/^[0-9a-f]{64}$/);
    expect(proposal.electorate.binding).toEqual(BINDING);
    for (const organization of BINDING.filter((id) => id !== 'csc').slice(0, 6)) expect((await vote(`d-${organization}`, proposal.id, 'approve')).status).toBe(201);
    await vote('d-csc', proposal.id, 'reject');
    await vote('second-csc', proposal.id, 'approve'); // the same organisation: the later ballot replaces
    const advisory = await json(vote('laion-member', proposal.id, 'approve'));
    expect(advisory.binding).toBe(false);
    const tally = await json(hub.as('d-csc', `/api/v1/proposals/${proposal.id}/tally`));
    expect(tally).toMatchObject({ counts: { approve: 7, reject: 0, abstain: 0 }, advisory: { approve: 1 }, outcome: 'no_quorum', wouldPass: false });
    const ballots = await json(hub.app.request(`/api/v1/proposals/${proposal.id}/ballots`));
    expect(ballots.items.filter((ballot: { organizationId: string; current: boolean }) => ballot.organizationId === 'csc').map((ballot: { current: boolean }) => ballot.current)).toEqual([false, true]);
  });

  it('is closed by the clock at the deadline, and the ledger alone recomputes the same outcome', async () => {
    const proposal = await openRelease();
    for (const organization of BINDING.slice(0, 9)) await vote(`d-${organization}`, proposal.id, 'approve', 'Evaluations look fine.');
    await vote('d-university-of-oslo', proposal.id, 'reject', 'Maltese is weak.');
    // The hub was down across the deadline: the vote closes at the deadline, not when it comes back.
    hub.clock.set('2026-12-31T00:00:00.000Z');
    const report = await runDecisionClock(hub.services, hub.clock().toISOString());
    expect(report.closed).toEqual([{ id: proposal.id, at: proposal.closesAt, reason: 'deadline', outcome: 'passed' }]);
    const closed = await json(hub.app.request(`/api/v1/proposals/${proposal.id}`));
    expect(closed).toMatchObject({ state: 'closed', outcome: 'passed', closedAt: proposal.closesAt });
    const verification = await verifyProposalTally(hub.services, proposal.id);
    expect(verification).toMatchObject({ matches: true, recorded: { outcome: 'passed', counts: { approve: 9, reject: 1, abstain: 0 } } });
    const late = await vote('d-surf', proposal.id, 'approve');
    expect(late.status).toBe(409);
    expect((await json(late)).error.code).toBe('deadline_passed');
  });

  it('blocks with an open concern until its author resolves it; only they or their colleagues may', async () => {
    const proposal = await openRelease();
    for (const organization of BINDING.slice(0, 12)) await vote(`d-${organization}`, proposal.id, 'approve');
    const raised = await json(hub.as('d-csc', `/api/v1/proposals/${proposal.id}/concerns`, { method: 'POST', body: { title: 'Checkpoint not evaluated on Maltese' } }));
    expect((await json(hub.app.request(`/api/v1/proposals/${proposal.id}/tally`))).outcome).toBe('blocked');
    const stranger = await hub.as('d-bsc', `/api/v1/proposals/${proposal.id}/concerns/${raised.id}/resolve`, { method: 'POST', body: {} });
    expect(stranger.status).toBe(403);
    const staff = await hub.as('staff-csc', `/api/v1/proposals/${proposal.id}/concerns/${raised.id}/resolve`, { method: 'POST', body: {} });
    expect(staff.status).toBe(403);
    const colleague = await hub.as('second-csc', `/api/v1/proposals/${proposal.id}/concerns/${raised.id}/resolve`, { method: 'POST', body: { resolution: 'Evaluated; fine.' } });
    expect(colleague.status).toBe(200);
    expect((await json(hub.app.request(`/api/v1/proposals/${proposal.id}/tally`))).outcome).toBe('passed');
  });

  it('invalidates ballots when the card changes under the vote, and tells voters through the ledger', async () => {
    const proposal = await openRelease();
    for (const organization of BINDING.slice(0, 10)) await vote(`d-${organization}`, proposal.id, 'approve');
    hub.content.edit('models/agora-demo/0.1.md', (text) => text.replace('context_window: 4096', 'context_window: 8192'));
    await hub.resync();
    // The sync invalidated them in its own transaction: the clock finds nothing left to do.
    const report = await runDecisionClock(hub.services, hub.clock().toISOString());
    expect(report.subjectsChanged).toEqual([]);
    const tally = await json(hub.app.request(`/api/v1/proposals/${proposal.id}/tally`));
    expect(tally.counts).toEqual({ approve: 0, reject: 0, abstain: 0 });
    const again = await json(hub.app.request(`/api/v1/proposals/${proposal.id}`));
    expect(again.subject.cardRevision).not.toBe(proposal.subject.cardRevision);
    const events = await json(hub.app.request('/api/v1/events?limit=1000'));
    expect(events.items.find((entry: { type: string }) => entry.type === 'proposal.subject_changed').data.invalidatedBallots).toHaveLength(10);
    expect((await vote('d-bsc', proposal.id, 'approve')).status).toBe(201);
  });

  it('keeps the electorate of the snapshot when membership changes mid-vote, until an explicit refresh', async () => {
    const proposal = await openRelease();
    hub.content.edit('governance/organizations.yaml', (text) => text.replace(/(id: laion[\s\S]*?category: )community/, '$1partner'));
    await hub.resync();
    const before = await json(vote('laion-member', proposal.id, 'approve'));
    expect(before.binding).toBe(false);
    expect((await hub.as('d-bsc', `/api/v1/proposals/${proposal.id}/electorate`, { method: 'POST' })).status).toBe(403);
    const refreshed = await json(hub.as('secretary', `/api/v1/proposals/${proposal.id}/electorate`, { method: 'POST' }));
    expect(refreshed.electorate.binding).toContain('laion');
    expect((await json(vote('laion-member', proposal.id, 'approve'))).binding).toBe(true);
  });

  it('closes early only after the minimum duration and only once nobody left can change the outcome', async () => {
    const proposal = await openRelease();
    for (const organization of BINDING.slice(0, 14)) await vote(`d-${organization}`, proposal.id, 'approve');
    expect((await runDecisionClock(hub.services, hub.clock().toISOString())).closed).toEqual([]);
    hub.clock.set(proposal.minCloseAt);
    const report = await runDecisionClock(hub.services, proposal.minCloseAt);
    expect(report.closed).toEqual([{ id: proposal.id, at: proposal.minCloseAt, reason: 'early', outcome: 'passed' }]);
  });

  it('sends each reminder once, naming only the organisations that have not voted', async () => {
    const proposal = await openRelease();
    await vote('d-bsc', proposal.id, 'approve');
    const closes = Date.parse(proposal.closesAt);
    for (const hours of [47, 46, 23, 1.5]) await runDecisionClock(hub.services, new Date(closes - hours * 3_600_000).toISOString());
    const events = await json(hub.app.request('/api/v1/events?limit=1000'));
    const reminders = events.items.filter((entry: { type: string }) => entry.type === 'proposal.reminder');
    expect(reminders.map((entry: { data: { hoursBefore: number } }) => entry.data.hoursBefore)).toEqual([48, 24, 2]);
    expect(reminders[0].data.notVoted).toEqual(BINDING.filter((id) => id !== 'bsc'));
  });
});

describe('acts that are refused write nothing', () => {
  it.each([
    ['a vote by a member without a delegate role for a binding organisation', async (id: string) => vote('staff-csc', id, 'approve'), 403, 'forbidden'],
    ['a vote with a token of no member', async (id: string) => hub.app.request(`/api/v1/proposals/${id}/ballots`, { method: 'POST', headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ option: 'approve' }) }), 403, 'forbidden'],
    ['a vote with an option the policy lacks', async (id: string) => vote('d-bsc', id, 'maybe'), 400, 'invalid'],
    ['a concern by an advisory organisation', async (id: string) => hub.as('laion-member', `/api/v1/proposals/${id}/concerns`, { method: 'POST', body: { title: 'x' } }), 403, 'forbidden'],
    ['a withdrawal by someone who did not propose it', async (id: string) => hub.as('d-bsc', `/api/v1/proposals/${id}/withdraw`, { method: 'POST', body: {} }), 403, 'forbidden'],
  ])('%s', async (_name, act, status, code) => {
    const proposal = await openRelease();
    const before = await state();
    const response = await act(proposal.id);
    expect(response.status).toBe(status);
    expect((await json(response)).error.code).toBe(code);
    expect(await state()).toEqual(before);
  });

  it('refuses to open a release for an incomplete card, and says what is missing', async () => {
    hub.content.edit('models/agora-demo/0.1.md', (text) => text.replace(/^energy:\n(  .*\n)+/m, ''));
    await hub.resync();
    const before = await state();
    const response = await hub.as('d-charles-university', '/api/v1/proposals', {
      method: 'POST',
      body: { kind: 'release', title: 'Release', subject: { type: 'model_release', modelId: MODEL, checkpointDigest: await checkpointDigest() } },
    });
    expect(response.status).toBe(409);
    const { error } = await json(response);
    expect(error.message).toMatch(/energy consumption/i);
    expect(await state()).toEqual(before);
  });

  it('refuses to release a checkpoint of a run that has not completed', async () => {
    const running = (await hub.database.db.select().from(tables.checkpoints).where(eq(tables.checkpoints.runId, 'demo-lumi-0-2')))[0]!;
    const response = await hub.as('d-charles-university', '/api/v1/proposals', {
      method: 'POST',
      body: { kind: 'release', title: 'Release', subject: { type: 'model_release', modelId: running.modelId, checkpointDigest: running.digest } },
    });
    expect(response.status).toBe(409);
  });
});

/** Everything but the tokens' last-used times (bookkeeping of authentication, not a state change). */
async function state() {
  const { api_tokens: tokens, ...rest } = await dumpDatabase(hub.database);
  return { ...rest, api_tokens: (tokens as { lastUsedAt: unknown }[]).map(({ lastUsedAt: _used, ...token }) => token) };
}

async function adminToken() {
  const { createToken } = await import('../../api/services/tokens.ts');
  const { systemActor } = await import('../../api/services/context.ts');
  return (await createToken(hub.services, { actor: systemActor('test'), input: { name: 'admin', scopes: ['admin'] } })).secret;
}
