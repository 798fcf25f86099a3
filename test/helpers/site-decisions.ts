import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor, type Actor, type ServiceContext } from '../../api/services/context.ts';
import { castBallot } from '../../api/services/decisions/ballots.ts';
import { runDecisionClock } from '../../api/services/decisions/clock.ts';
import { raiseConcern, resolveConcern } from '../../api/services/decisions/concerns.ts';
import { createDelegation, revokeDelegation } from '../../api/services/decisions/delegations.ts';
import { openProposal, withdrawProposal, type OpenProposalInput } from '../../api/services/decisions/proposals.ts';
import type { BallotOption } from '../../api/domain/decisions/policy.ts';
import type { BallotChannel } from '../../api/domain/decisions/vocabulary.ts';
import { BINDING } from './decisions.ts';
import { digestOf, registerFixtureModels } from './site-data.ts';

/**
 * The decisions side of the site fixture, recorded through the real services in time order (the
 * decision clock ticks every morning, so early closes, deadline closes and reminders happen as on a
 * running hub): votes passed early, blocked by an open concern at its deadline, rejected early,
 * without quorum, withdrawn after a card change invalidated its ballots, a secret vote closed with
 * its receipts published, and two open ones — a secret membership vote and a release vote with a
 * ballot changed three times, a vote counted through a delegation, an advisory ballot and a
 * resolved concern. One of them is marked as demo data.
 */

/** One delegate per binding organisation, a community member (advisory votes) and the secretariat. */
export const FIXTURE_MEMBERS = [
  ...BINDING.map((organization) => ({ id: `delegate-${organization}`, organization, roles: ['delegate'] })),
  { id: 'member-laion', organization: 'laion', roles: [] },
  { id: 'secretariat', organization: 'charles-university', roles: ['secretariat'] },
];

/** members.yaml for a copy of the content folder. */
export function fixtureMembersYaml(): string {
  return `members:\n${FIXTURE_MEMBERS.map((m) => `  - id: ${m.id}\n    display_name: ${m.id}\n    organization: ${m.organization}\n    roles: [${m.roles.join(', ')}]\n`).join('')}`;
}

const CARD = 'models/agora-demo/0.1.md';
const MODEL = 'agora-demo-1b-v0-1';
/** The checkpoint seedTrainingData reports at the end of the completed v0.1 run. */
const CHECKPOINT = digestOf('v0.1 final');

type Services = ServiceContext & { clock: { set(instant: string): void } };

const member = (organization: string): Actor => ({ kind: 'member', via: 'demo', memberId: organization === 'laion' ? 'member-laion' : `delegate-${organization}` });
const nov = (day: number, time = '09:00') => `2026-11-${String(day).padStart(2, '0')}T${time}:00.000Z`;

type Step = { at: string; run: (ctx: Services) => Promise<unknown> };

/**
 * Records the fixture's decisions. The acts are scheduled, then run in time order with the clock
 * set to each one's instant, among daily ticks of the decision clock at 09:30.
 */
export async function seedDecisionData(services: Services, contentDir: string): Promise<void> {
  const steps: Step[] = [];
  const later = (at: string, run: Step['run']) => steps.push({ at, run });
  const open = (when: string, input: OpenProposalInput) => later(when, (ctx) => openProposal(ctx, { actor: member('charles-university'), input }));
  /** Ballots seven minutes apart from `start`. */
  const cast = (start: string, proposalId: string, ballots: [string, BallotOption, string?, BallotChannel?][]) =>
    ballots.forEach(([organization, option, reason, channel], i) =>
      later(new Date(Date.parse(start) + (i + 1) * 7 * 60_000).toISOString(), (ctx) =>
        castBallot(ctx, { actor: member(organization), input: { proposalId, option, reason: reason ?? null, channel: channel ?? 'web' } }),
      ),
    );
  const approvals = (organizations: string[], reason?: string) => organizations.map((org): [string, BallotOption, string?] => [org, 'approve', reason]);
  const sync = (ctx: Services) => syncContent(ctx, { actor: systemActor('fixture'), input: { contentDir } });
  const concerns = new Map<string, string>();
  const raise = (when: string, organization: string, proposalId: string, title: string, body?: string) =>
    later(when, async (ctx) => concerns.set(title, (await raiseConcern(ctx, { actor: member(organization), input: { proposalId, title, body: body ?? null } })).id));
  const resolve = (when: string, organization: string, proposalId: string, title: string, resolution: string) =>
    later(when, (ctx) => resolveConcern(ctx, { actor: member(organization), input: { proposalId, concernId: concerns.get(title)!, resolution } }));

  later(nov(2, '08:00'), (ctx) => createDelegation(ctx, { actor: member('university-of-oslo'), input: { from: 'university-of-oslo', to: 'university-of-helsinki', kind: 'release' } }));
  let revocable = '';
  later(nov(2, '08:10'), async (ctx) => {
    revocable = (await createDelegation(ctx, { actor: member('ellamind'), input: { from: 'ellamind', to: 'aleph-alpha', kind: 'dataset_inclusion' } })).id;
  });
  later(nov(4, '08:00'), (ctx) => revokeDelegation(ctx, { actor: member('ellamind'), input: { id: revocable } }));

  // Passed, closed early once nothing could change it (after the 72 hours' minimum).
  open(nov(2), { id: 'fixture-include-finepdfs', kind: 'dataset_inclusion', title: 'Include FinePDFs in the next cycle', description: 'Add FinePDFs 1.0.0 to the data mix of the next training cycle.', subject: { type: 'dataset', datasetId: 'finepdfs-1.0.0' } });
  cast(nov(2, '10:00'), 'fixture-include-finepdfs', [
    ...approvals(BINDING.filter((org) => org !== 'csc').slice(0, 9), 'Good licence, useful domains.'),
    ['csc', 'reject', 'Overlaps with HPLT.', 'discord'],
    ['laion', 'approve', 'Community reviewers agree.', 'github'],
  ]);

  // Blocked: an open concern at the deadline; another one raised and resolved.
  open(nov(3), { id: 'fixture-include-dclm', kind: 'dataset_inclusion', title: 'Include DCLM in the next cycle', description: null, subject: { type: 'dataset', datasetId: 'dclm-1.0' } });
  raise(nov(3, '11:00'), 'prompsit-language-engineering', 'fixture-include-dclm', 'Licence terms of the source data are not verified', 'The crawl terms of two sources are unclear.');
  raise(nov(3, '11:30'), 'bsc', 'fixture-include-dclm', 'Overlap with FineWeb not measured');
  cast(nov(3, '12:00'), 'fixture-include-dclm', approvals(BINDING.slice(0, 9)));
  resolve(nov(4, '15:00'), 'bsc', 'fixture-include-dclm', 'Overlap with FineWeb not measured', 'Measured: 3% overlap, deduplicated in the mix.');

  // Rejected early: a policy change that no remaining ballot could rescue.
  open(nov(4), { id: 'fixture-policy-shorter-votes', kind: 'policy_change', title: 'Shorten release votes to 48 hours', description: 'Let release votes close after 48 hours instead of 72.', subject: { type: 'policy', reference: 'release' } });
  cast(nov(4, '10:00'), 'fixture-policy-shorter-votes', [
    ...approvals(['bsc', 'csc', 'cineca'], 'Faster releases.'),
    ...BINDING.slice(0, 12)
      .filter((org) => !['bsc', 'csc', 'cineca'].includes(org))
      .map((org): [string, BallotOption, string] => [org, 'reject', 'Partners in other time zones need the third day.']),
  ]);

  // Secret: closed at its deadline (no early close), the ballots published with their salts.
  open(nov(5, '10:00'), { id: 'fixture-admit-member', kind: 'membership', title: 'Admit a new partner (fixture)', description: 'A membership vote: ballots are secret until the close.', subject: { type: 'membership', reference: 'application 2026-07' } });
  cast(nov(5, '11:00'), 'fixture-admit-member', [
    ['ai-sweden', 'reject', 'Needs a data-protection officer first.'],
    ...approvals(BINDING.slice(1, 9)),
    ['surf', 'abstain'],
    ['ai-sweden', 'approve', 'The data-protection officer is named.'],
  ]);

  // No quorum: three of sixteen voted by the deadline. Marked as demo data, as `agora demo` marks its own.
  open(nov(6), { id: 'fixture-deprecate-starcoder', kind: 'dataset_deprecation', title: 'Deprecate StarCoder data (demo)', description: null, subject: { type: 'dataset', datasetId: 'starcoder-0.0.0' }, isDemo: true });
  cast(nov(6, '10:00'), 'fixture-deprecate-starcoder', approvals(['bsc', 'csc', 'surf'], 'Superseded by a newer code dataset.'));

  // Withdrawn: a release vote whose card changed under it (ballots invalidated, re-pinned).
  open(nov(7), { id: 'fixture-release-v0-1-rc1', kind: 'release', title: 'Release Agora Demo 1B v0.1 (first attempt)', description: null, subject: { type: 'model_release', modelId: MODEL, checkpointDigest: CHECKPOINT } });
  cast(nov(7, '10:00'), 'fixture-release-v0-1-rc1', approvals(['charles-university', 'csc', 'bsc', 'surf']));
  const card = join(contentDir, CARD);
  const shipped = readFileSync(card, 'utf8');
  later(nov(8), (ctx) => {
    writeFileSync(card, shipped.replace('It was not trained.', 'It was not trained, and its figures are invented.'));
    return sync(ctx);
  });
  cast(nov(8, '10:00'), 'fixture-release-v0-1-rc1', approvals(['charles-university', 'csc'], 'Re-cast after the card change.'));
  later(nov(9), (ctx) => withdrawProposal(ctx, { actor: member('charles-university'), input: { id: 'fixture-release-v0-1-rc1', reason: 'The card wording is being revised again; a new vote will follow.' } }));
  later(nov(9, '10:00'), async (ctx) => {
    writeFileSync(card, shipped);
    await sync(ctx);
    // A sync of a changed card applies the card's facts to its model; put back the fixture's.
    await registerFixtureModels(ctx);
  });

  // Open at the fixture's snapshot (25 November, 10:00): a secret vote and a release vote.
  open(nov(20), { id: 'fixture-admit-member-2', kind: 'membership', title: 'Admit a second new partner (fixture)', description: null, subject: { type: 'membership', reference: 'application 2026-09' } });
  cast(nov(20, '10:00'), 'fixture-admit-member-2', [...approvals(['bsc', 'csc', 'cineca']), ['surf', 'reject'], ['lighton', 'abstain']]);
  open(nov(23, '10:00'), { id: 'fixture-release-v0-1', kind: 'release', title: 'Release Agora Demo 1B v0.1', description: 'Release the final checkpoint of the v0.1 run under Apache-2.0, with its card.', subject: { type: 'model_release', modelId: MODEL, checkpointDigest: CHECKPOINT } });
  cast(nov(23, '11:00'), 'fixture-release-v0-1', [
    ['charles-university', 'approve', 'Evaluations reviewed.'],
    ['amd-silo-ai', 'approve', undefined, 'discord'],
    ['amd-silo-ai', 'reject', 'The tokenizer drops Maltese diacritics.', 'discord'],
    ['amd-silo-ai', 'approve', 'The tokenizer issue was in our harness, not in the model.', 'github'],
    ['csc', 'approve', 'Checkpoint verified on LUMI-O.', 'api'],
    ['university-of-helsinki', 'approve', 'Also for Oslo, by delegation.'],
    ['surf', 'abstain'],
    ['cineca', 'reject', 'Wait for the Maltese evaluation.'],
    ['fraunhofer-iais', 'approve'],
    ['laion', 'approve', 'Community evaluations look fine.', 'github'],
  ]);
  raise(nov(23, '12:00'), 'bsc', 'fixture-release-v0-1', 'Checkpoint not mirrored outside LUMI', 'Only one copy of the weights exists.');
  resolve(nov(24), 'bsc', 'fixture-release-v0-1', 'Checkpoint not mirrored outside LUMI', 'Mirrored to Leonardo; digests match.');

  for (let day = 2; day <= 25; day++) later(nov(day, '09:30'), (ctx) => runDecisionClock(ctx, ctx.clock().toISOString()));

  const inOrder = steps.map((step, i) => ({ ...step, i })).sort((a, b) => a.at.localeCompare(b.at) || a.i - b.i);
  for (const step of inOrder) {
    services.clock.set(step.at);
    await step.run(services);
  }
}
