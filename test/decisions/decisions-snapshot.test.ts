import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDecisionsSnapshot } from '../../api/services/decisions/decisions-snapshot.ts';
import { listProposalTimeline } from '../../api/services/decisions/timeline.ts';
import { buildRegistrySnapshot } from '../../api/services/registry-snapshot.ts';
import { computeSiteFingerprint } from '../../api/site/site-fingerprint.ts';
import { parseSiteSnapshot } from '../../api/site/site-snapshot.ts';
import { BINDING, createDecisionHub, delegatesOf } from '../helpers/decisions.ts';
import { json } from '../helpers/http.ts';

let hub: Awaited<ReturnType<typeof createDecisionHub>>;
beforeEach(async () => {
  hub = await createDecisionHub(delegatesOf(BINDING.slice(0, 6)));
});
afterEach(() => hub.close());

const open = async (kind: string, title: string, subject: Record<string, string>) => {
  const response = await hub.as('d-bsc', '/api/v1/proposals', { method: 'POST', body: { kind, title, subject } });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json(response)) as { id: string; closesAt: string };
};
const vote = (organization: string, id: string, option: string, reason?: string) =>
  hub.as(`d-${organization}`, `/api/v1/proposals/${id}/ballots`, { method: 'POST', body: { option, ...(reason ? { reason } : {}) } });

describe('the decisions snapshot', () => {
  it('carries each vote with its tally, ballots, concerns and ledger history, as the API has them', async () => {
    const dataset = await open('dataset_inclusion', 'Include HPLT', { type: 'dataset', datasetId: 'hplt-3.0' });
    await vote('bsc', dataset.id, 'reject', 'Too big.');
    await vote('bsc', dataset.id, 'approve', 'Fine after all.');
    await hub.as('d-cineca', `/api/v1/proposals/${dataset.id}/concerns`, { method: 'POST', body: { title: 'Licence unclear' } });

    const { proposals } = await buildDecisionsSnapshot(hub.services);
    const [decision] = proposals;
    expect(decision).toMatchObject({ id: dataset.id, state: 'open', rules: { title: 'Dataset inclusion' } });
    expect(decision!.tally).not.toHaveProperty('at');
    const api = await json(hub.app.request(`/api/v1/proposals/${dataset.id}/tally`));
    const { at: _at, ...apiTally } = api;
    expect(decision!.tally).toEqual(apiTally);
    expect(decision!.ballots!.map((ballot) => [ballot.option, ballot.reason, ballot.current])).toEqual([
      ['reject', 'Too big.', false],
      ['approve', 'Fine after all.', true],
    ]);
    expect(decision!.concerns.map((concern) => concern.title)).toEqual(['Licence unclear']);
    expect(decision!.timeline.map((entry) => entry.type)).toEqual(['proposal.opened', 'ballot.cast', 'ballot.cast', 'concern.raised']);
    expect(decision!.timeline[1]).toMatchObject({ actor: 'member:d-bsc', data: { organizationId: 'bsc', option: 'reject' } });
    expect(await listProposalTimeline(hub.services, dataset.id)).toEqual(decision!.timeline);
  });

  it('keeps a secret vote’s ballots out while it is open, and publishes them with the final tally once closed', async () => {
    const secret = await open('membership', 'Admit a partner', { type: 'membership', reference: 'applicant' });
    await vote('bsc', secret.id, 'approve');
    let [decision] = (await buildDecisionsSnapshot(hub.services)).proposals;
    expect(decision!.ballots).toBeNull();
    expect(decision!.tally).toMatchObject({ secret: true, voted: ['bsc'] });
    expect(JSON.stringify(decision)).not.toContain('"option":"approve"');

    hub.clock.set(secret.closesAt);
    const { runDecisionClock } = await import('../../api/services/decisions/clock.ts');
    await runDecisionClock(hub.services, secret.closesAt);
    [decision] = (await buildDecisionsSnapshot(hub.services)).proposals;
    expect(decision).toMatchObject({ state: 'closed', outcome: 'no_quorum', tally: { secret: false, final: 'no_quorum' } });
    expect(decision!.ballots).toEqual([expect.objectContaining({ option: 'approve', receipt: expect.stringMatching(/^[0-9a-f]{64}$/), salt: expect.any(String) })]);
  });

  it('fits the site schema, and leaves the site fingerprint alone while only the clock moves', async () => {
    const dataset = await open('dataset_inclusion', 'Include HPLT', { type: 'dataset', datasetId: 'hplt-3.0' });
    await vote('bsc', dataset.id, 'approve');
    const first = await buildRegistrySnapshot(hub.services);
    expect(parseSiteSnapshot(JSON.stringify(first), 'with decisions').decisions).toEqual(JSON.parse(JSON.stringify(first.decisions)));
    hub.clock.advance(3_600_000);
    const later = await buildRegistrySnapshot(hub.services);
    expect(await computeSiteFingerprint(later)).toBe(await computeSiteFingerprint(first));
    await vote('cineca', dataset.id, 'approve');
    expect(await computeSiteFingerprint(await buildRegistrySnapshot(hub.services))).not.toBe(await computeSiteFingerprint(first));
  });
});
