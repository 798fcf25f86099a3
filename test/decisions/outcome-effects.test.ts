import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyVerifyCommand } from '../../api/cli/tally.ts';
import { loadConfig } from '../../api/env.ts';
import { silentLogger } from '../../api/logger.ts';
import { importShippedCollections } from '../../api/services/collections/import-shipped.ts';
import { runDecisionClock } from '../../api/services/decisions/clock.ts';
import { verifyProposalTally } from '../../api/services/decisions/verify.ts';
import { tables } from '../../db/index.ts';
import { BINDING, createDecisionHub, delegatesOf } from '../helpers/decisions.ts';
import { json } from '../helpers/http.ts';
import { sampleRequest } from '../helpers/requests.ts';

// Issue 14: what each decision kind does to its subject, for every way a vote can end. One hub,
// the cases in turn (each vote closes before the next opens on the same subject), the clock moved
// past each deadline. Every effect is also a ledger entry, and `tally verify` still holds.

const MODEL = 'agora-demo-1b-v0-1';
const DAY = 86_400_000;
type Json = Record<string, any>;

let hub: Awaited<ReturnType<typeof createDecisionHub>>;
let datasets: { included: string; deprecated: string };
let digest: string;
beforeAll(async () => {
  hub = await createDecisionHub([
    ...delegatesOf(BINDING),
    { id: 'secretary', organization: 'charles-university', roles: ['secretariat'] },
    { id: 'steward', organization: 'ai-sweden', roles: ['data_steward'] },
    { id: 'requester', organization: 'laion', roles: [] },
  ]);
  await importShippedCollections(hub.services, silentLogger, hub.content.dir);
  const ids = [...new Set((await hub.database.db.select({ id: tables.collectionDatasets.datasetId }).from(tables.collectionDatasets)).map((row) => row.id))].sort();
  datasets = { included: ids[0]!, deprecated: ids[1]! };
  digest = (await hub.database.db.select().from(tables.checkpoints).where(eq(tables.checkpoints.modelId, MODEL))).find((row) => row.step === 1000)!.digest;
});
afterAll(() => hub?.close());

const KINDS = {
  release: { subject: () => ({ type: 'model_release', modelId: MODEL, checkpointDigest: digest }), passedEffect: 'released', concerns: true },
  dataset_inclusion: { subject: () => ({ type: 'dataset', datasetId: datasets.included }), passedEffect: 'accepted', concerns: true },
  dataset_deprecation: { subject: () => ({ type: 'dataset', datasetId: datasets.deprecated }), passedEffect: 'deprecated', concerns: false },
  policy_change: { subject: () => ({ type: 'policy', reference: 'content/governance/policies.yaml' }), passedEffect: 'recorded', concerns: true },
  membership: { subject: () => ({ type: 'membership', reference: 'ai-sweden' }), passedEffect: 'recorded', concerns: false },
} as const;
type Kind = keyof typeof KINDS;
// `passed` last: after it, a release or a deprecation cannot be voted on again.
const OUTCOMES = ['rejected', 'no_quorum', 'blocked', 'withdrawn', 'superseded', 'passed'] as const;

/** The subject as its own page sees it: the model's status, the dataset's standing, or nothing. */
async function subjectState(kind: Kind): Promise<unknown> {
  if (kind === 'release') {
    const model = await json(hub.app.request(`/api/v1/models/${MODEL}`));
    return { status: model.status, checkpoint: model.checkpoints.find((checkpoint: Json) => checkpoint.digest === digest).status, release: model.release };
  }
  if (kind === 'dataset_inclusion' || kind === 'dataset_deprecation') return (await json(hub.app.request(`/api/v1/datasets/${(KINDS[kind].subject() as Json).datasetId}`))).standing;
  return null;
}

async function castAll(id: string, option: string) {
  for (const organization of BINDING) {
    const response = await hub.as(`d-${organization}`, `/api/v1/proposals/${id}/ballots`, { method: 'POST', body: { option } });
    expect(response.status, await response.clone().text()).toBe(201);
  }
}

/** Opens a vote of `kind` and ends it with `outcome`; answers the proposal as closed. */
async function endWith(kind: Kind, outcome: (typeof OUTCOMES)[number]): Promise<Json> {
  hub.clock.advance(DAY);
  const opened = await hub.as('secretary', '/api/v1/proposals', { method: 'POST', body: { kind, title: `${kind}: ${outcome}`, subject: KINDS[kind].subject() } });
  expect(opened.status, await opened.clone().text()).toBe(201);
  const { id } = await json(opened);
  if (outcome === 'withdrawn') return json(hub.as('secretary', `/api/v1/proposals/${id}/withdraw`, { method: 'POST', body: { reason: 'Filed too early.' } }));
  if (outcome === 'superseded') {
    const next = await json(hub.as('secretary', '/api/v1/proposals', { method: 'POST', body: { kind, title: `${kind}: the replacement`, subject: KINDS[kind].subject(), supersedes: id } }));
    await hub.as('secretary', `/api/v1/proposals/${next.id}/withdraw`, { method: 'POST', body: {} });
    return json(hub.app.request(`/api/v1/proposals/${id}`));
  }
  if (outcome === 'blocked') {
    expect((await hub.as('d-csc', `/api/v1/proposals/${id}/concerns`, { method: 'POST', body: { title: 'Licence unclear' } })).status).toBe(201);
    await castAll(id, 'approve');
  }
  if (outcome === 'passed') await castAll(id, 'approve');
  if (outcome === 'rejected') await castAll(id, 'reject');
  hub.clock.advance(30 * DAY);
  await runDecisionClock(hub.services, hub.clock().toISOString());
  return json(hub.app.request(`/api/v1/proposals/${id}`));
}

const cases = (Object.keys(KINDS) as Kind[]).flatMap((kind) => OUTCOMES.filter((outcome) => outcome !== 'blocked' || KINDS[kind].concerns).map((outcome) => [kind, outcome] as const));

describe('what a closed decision does to its subject', () => {
  it.each(cases)('%s, %s', async (kind, outcome) => {
    const before = await subjectState(kind);
    const proposal = await endWith(kind, outcome);
    expect(proposal).toMatchObject({ state: 'closed', outcome });
    const expected = outcome === 'passed' ? KINDS[kind].passedEffect : 'unchanged';
    expect(proposal.effect.effect).toBe(expected);
    if (expected === 'unchanged') expect(proposal.effect.details.because).toBe(outcome);

    // The ledger holds the effect, after the entry that ended the vote.
    const entries = await hub.database.db.select().from(tables.ledger).where(eq(tables.ledger.subject, `proposal:${proposal.id}`)).orderBy(desc(tables.ledger.seq));
    expect({ ...entries[0], data: JSON.parse(String(entries[0]!.data)) }).toMatchObject({ type: 'decision.effect', data: { outcome, effect: expected } });

    const after = await subjectState(kind);
    if (outcome !== 'passed') expect(after).toEqual(before);
    else if (kind === 'release') expect(after).toEqual({ status: 'released', checkpoint: 'released', release: { proposalId: proposal.id, at: proposal.closedAt, checkpointDigest: digest, cardRevision: proposal.subject.cardRevision } });
    else if (kind === 'dataset_inclusion') expect(after).toEqual({ state: 'accepted', proposalId: proposal.id, at: proposal.closedAt, cycle: null });
    else if (kind === 'dataset_deprecation') expect(after).toMatchObject({ state: 'deprecated', proposalId: proposal.id });
    else expect(proposal.effect.details).toEqual({});
    // `tally verify` recomputes the outcome and the effect from the ledger alone.
    const verification = await verifyProposalTally(hub.services, proposal.id);
    expect(verification.problems).toEqual([]);
    expect(verification.matches).toBe(true);
    expect(verification.effect).toEqual({ recorded: expected, expected });
  });

  it('lists every decision on its subject’s view, open and closed, with outcome and effect', async () => {
    const model = await json(hub.app.request(`/api/v1/models/${MODEL}`));
    expect(model.decisions.map((decision: Json) => decision.outcome).sort()).toEqual([...OUTCOMES, 'withdrawn'].sort());
    expect(model.decisions.every((decision: Json) => decision.kind === 'release')).toBe(true);
    const dataset = await json(hub.app.request(`/api/v1/datasets/${datasets.deprecated}`));
    expect(dataset.decisions.find((decision: Json) => decision.outcome === 'passed')).toMatchObject({ kind: 'dataset_deprecation', effect: 'deprecated' });
  });

  it('`tally verify --all` recomputes every closed vote, effects included', async () => {
    const lines: string[] = [];
    const cli = { config: loadConfig({}), args: ['--all'], services: async () => hub.services, out: (line: string) => lines.push(line), err: (line: string) => lines.push(`! ${line}`) };
    expect(await tallyVerifyCommand.run(cli)).toBe(0);
    const closed = (await json(hub.app.request('/api/v1/proposals?state=closed&limit=500'))).items.length;
    expect(lines.at(-1)).toBe(`${closed} of ${closed} closed vote(s) verified.`);
    expect(lines.filter((line) => line.startsWith('!'))).toEqual([]);
    expect(lines.some((line) => line.includes('effect released — matches'))).toBe(true);
  });

  it('refuses a vote on what a passed decision settled', async () => {
    const again = await hub.as('secretary', '/api/v1/proposals', { method: 'POST', body: { kind: 'dataset_deprecation', title: 'Deprecate again', subject: KINDS.dataset_deprecation.subject() } });
    expect(again.status).toBe(409);
    const release = await hub.as('secretary', '/api/v1/proposals', { method: 'POST', body: { kind: 'release', title: 'Release again', subject: KINDS.release.subject() } });
    expect(release.status).toBe(409);
  });
});

describe('a nomination put to the vote', () => {
  const move = (id: string, transition: string) => hub.as('steward', `/api/v1/requests/${id}/transitions`, { method: 'POST', body: { transition } });

  it('moves on to accepted when the vote passes, in the transaction that closes it; stays under review when it fails', async () => {
    const nominate = async () => {
      const nomination = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: sampleRequest('dataset') }));
      await move(nomination.id, 'triage');
      await move(nomination.id, 'start_review');
      const voting = await json(hub.as('steward', `/api/v1/requests/${nomination.id}/vote`, { method: 'POST' }));
      return { id: nomination.id as string, proposalId: voting.linkedProposalId as string };
    };
    const passing = await nominate();
    const failing = await nominate();
    await castAll(passing.proposalId, 'approve');
    hub.clock.advance(30 * DAY);
    await runDecisionClock(hub.services, hub.clock().toISOString());
    const accepted = await json(hub.as('steward', `/api/v1/requests/${passing.id}`));
    expect(accepted.state).toBe('accepted');
    expect(accepted.decisions).toEqual([expect.objectContaining({ id: passing.proposalId, outcome: 'passed', effect: 'accepted' })]);
    const proposal = await json(hub.app.request(`/api/v1/proposals/${passing.proposalId}`));
    expect(proposal.effect).toMatchObject({ effect: 'accepted', details: { request: passing.id, requestState: 'accepted' } });
    expect(proposal.subjectLink).toEqual({ ref: `request:${passing.id}`, path: `/requests/dataset/${passing.id}/` });
    const left = await json(hub.as('steward', `/api/v1/requests/${failing.id}`));
    expect(left.state).toBe('under_review');
    expect(left.decisions[0]).toMatchObject({ outcome: 'no_quorum', effect: 'unchanged' });
  });
});
