import { eq } from 'drizzle-orm';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { BINDING, createDecisionHub, delegatesOf } from '../helpers/decisions.ts';
import { json } from '../helpers/http.ts';

// The refusals a secretariat met when it tried the hub (issue 14): each failed before its fix.

const MODEL = 'agora-demo-1b-v0-1';
let hub: Awaited<ReturnType<typeof createDecisionHub>>;
beforeEach(async () => {
  hub = await createDecisionHub([...delegatesOf(BINDING), { id: 'secretary', organization: 'charles-university', roles: ['secretariat'] }]);
});
afterEach(() => hub.close());

const open = (body: unknown) => hub.as('secretary', '/api/v1/proposals', { method: 'POST', body });
const digest = async () => (await hub.database.db.select().from(tables.checkpoints).where(eq(tables.checkpoints.modelId, MODEL))).find((row) => row.step === 1000)!.digest;
const release = async () => ({ kind: 'release', title: 'Release the demo model', subject: { type: 'model_release', modelId: MODEL, checkpointDigest: await digest() } });

describe('opening a vote checks its subject', () => {
  it('refuses a dataset inclusion on a dataset that does not exist, naming the field', async () => {
    const response = await open({ kind: 'dataset_inclusion', title: 'Include it', subject: { type: 'dataset', datasetId: 'no-such-ds' } });
    expect(response.status).toBe(400);
    const problem = await json(response);
    expect(problem.error).toMatchObject({ code: 'invalid', details: { field: 'subject.datasetId' } });
    expect(problem.error.message).toContain('no-such-ds');
    expect((await open({ kind: 'dataset_inclusion', title: 'Include HPLT', subject: { type: 'dataset', datasetId: 'hplt-3.0' } })).status).toBe(201);
  });

  it('refuses a dataset deprecation whose subject is a model release', async () => {
    const response = await open({ kind: 'dataset_deprecation', title: 'Deprecate a model?', subject: { type: 'model_release', modelId: MODEL } });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toMatchObject({ code: 'invalid', details: { field: 'subject.type' } });
  });

  it('answers a release without a model 400 naming subject.modelId, not 409', async () => {
    const response = await open({ kind: 'release', title: 'Release what?', subject: { type: 'model_release' } });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toMatchObject({ code: 'invalid', details: { field: 'subject.modelId' } });
    const unknown = await open({ kind: 'release', title: 'Release what?', subject: { type: 'model_release', modelId: 'no-such-model', checkpointDigest: 'sha256:00' } });
    expect(unknown.status).toBe(400);
  });

  it('refuses a second release vote on the same model while the first is open, and lets a new vote supersede it', async () => {
    const first = await json(open(await release()));
    const second = await open(await release());
    expect(second.status).toBe(409);
    const problem = await json(second);
    expect(problem.error).toMatchObject({ code: 'conflict', details: { field: 'subject.modelId', openProposalId: first.id } });
    const replacing = await open({ ...(await release()), supersedes: first.id });
    expect(replacing.status).toBe(201);
    const old = await json(hub.app.request(`/api/v1/proposals/${first.id}`));
    expect(old).toMatchObject({ state: 'closed', outcome: 'superseded', effect: { effect: 'unchanged', details: { because: 'superseded' } } });
    // Only a vote of the same kind on the same subject can be superseded.
    const inclusion = await json(open({ kind: 'dataset_inclusion', title: 'Include HPLT', subject: { type: 'dataset', datasetId: 'hplt-3.0' } }));
    const wrong = await open({ ...(await release()), supersedes: inclusion.id });
    expect(wrong.status).toBe(400);
  });

  it('links every decision to its subject', async () => {
    const proposal = await json(open({ kind: 'dataset_inclusion', title: 'Include HPLT', subject: { type: 'dataset', datasetId: 'hplt-3.0' } }));
    expect(proposal.subjectLink).toEqual({ ref: 'dataset:hplt-3.0', path: '/datasets/hplt-3.0/' });
  });
});

describe('delegations', () => {
  const delegate = (person: string, from: string, to: string) => hub.as(person, '/api/v1/delegations', { method: 'POST', body: { from, to, kind: 'release' } });

  it('refuses a delegation that would close a cycle, naming it', async () => {
    expect((await delegate('d-csc', 'csc', 'cineca')).status).toBe(201);
    expect((await delegate('d-cineca', 'cineca', 'bsc')).status).toBe(201);
    const cycle = await delegate('d-bsc', 'bsc', 'csc');
    expect(cycle.status).toBe(409);
    const problem = await json(cycle);
    expect(problem.error.details.cycle).toEqual(['bsc', 'csc', 'cineca', 'bsc']);
    expect(problem.error.message).toContain('bsc → csc → cineca → bsc');
    // The direct case of the report: A → B, then B → A.
    expect((await delegate('d-surf', 'surf', 'lighton')).status).toBe(201);
    expect((await delegate('d-lighton', 'lighton', 'surf')).status).toBe(409);
    // Another kind is another graph.
    expect((await hub.as('d-bsc', '/api/v1/delegations', { method: 'POST', body: { from: 'bsc', to: 'csc', kind: 'dataset_inclusion' } })).status).toBe(201);
  });

  it('follows a chain to the first organisation that voted, and says so in the tally', async () => {
    const proposal = await json(open(await release()));
    await delegate('d-csc', 'csc', 'cineca');
    await delegate('d-cineca', 'cineca', 'bsc');
    await hub.as('d-bsc', `/api/v1/proposals/${proposal.id}/ballots`, { method: 'POST', body: { option: 'approve' } });
    const tally = await json(hub.app.request(`/api/v1/proposals/${proposal.id}/tally`));
    expect(tally.counted.find((vote: { organizationId: string }) => vote.organizationId === 'csc')).toMatchObject({ via: 'delegation', delegatedTo: 'bsc', chain: ['cineca', 'bsc'] });
    expect(tally.explanation.join(' ')).toContain('csc (through cineca → bsc)');
  });
});

describe('a model card changed while its release vote is open', () => {
  it('invalidates the ballots in the sync that changes the card, not at the next clock tick', async () => {
    const proposal = await json(open(await release()));
    for (const organization of BINDING) await hub.as(`d-${organization}`, `/api/v1/proposals/${proposal.id}/ballots`, { method: 'POST', body: { option: 'approve' } });
    expect((await json(hub.app.request(`/api/v1/proposals/${proposal.id}/tally`))).counts.approve).toBe(BINDING.length);
    const card = join(hub.content.dir, 'models/agora-demo/0.1.md');
    writeFileSync(card, `${readFileSync(card, 'utf8')}\nA sentence added after the vote opened.\n`);
    await hub.resync();
    // No clock tick in between: the tally already counts nothing.
    const tally = await json(hub.app.request(`/api/v1/proposals/${proposal.id}/tally`));
    expect(tally.counts).toEqual({ approve: 0, abstain: 0, reject: 0 });
    expect(tally.wouldPass).toBe(false);
    const changed = await json(hub.app.request(`/api/v1/proposals/${proposal.id}`));
    expect(changed.subject.cardRevision).not.toBe(proposal.subject.cardRevision);
  });
});
