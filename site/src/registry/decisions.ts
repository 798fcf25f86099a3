import type { SiteBallot, SiteDecision } from '../../../api/site/site-snapshot.ts';
import { formatExact } from './format.ts';
import { datasetName, findModel, hasDatasetPage } from './lookups.ts';
import { cardPagePath, findModelCard } from './model-cards.ts';
import { snapshot } from './snapshot.ts';

/** Look-ups and wording for the decision pages, built once per build from the snapshot. */

export const decisions = snapshot.decisions.proposals;

/** Open votes, the soonest to close first. */
export const openDecisions = decisions.filter((d) => d.state === 'open').sort((a, b) => a.closesAt.localeCompare(b.closesAt) || a.id.localeCompare(b.id));

/** Closed votes, the latest closed first. */
export const closedDecisions = decisions.filter((d) => d.state === 'closed').sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || a.id.localeCompare(b.id));

export const decisionPath = (id: string) => `/decisions/${id}/`;
export const decisionApiPath = (id: string) => `/api/v1/proposals/${id}`;

const organizationsById = new Map(snapshot.organizations.map((org) => [org.id, org]));

export type OrganizationRef = { id: string; name: string; href: string | null };

/** An organisation by id: its name and page, or just the id when the registry no longer lists it. */
export function organizationRef(id: string): OrganizationRef {
  const org = organizationsById.get(id);
  return org ? { id, name: org.name, href: `/organizations/${id}/` } : { id, name: id, href: null };
}

/** Every organisation a decision names (electorate, ballots, concerns, delegations), for the live script. */
export function organizationsOf(decision: SiteDecision): Record<string, { name: string; href: string | null }> {
  const ids = new Set([
    ...decision.electorate.binding,
    ...decision.electorate.advisory,
    ...(decision.ballots ?? []).map((ballot) => ballot.organizationId),
    ...decision.concerns.map((concern) => concern.organizationId),
    ...snapshot.decisions.delegations.flatMap((delegation) => [delegation.fromOrganizationId, delegation.toOrganizationId]),
  ]);
  return Object.fromEntries([...ids].sort().map((id) => {
    const { name, href } = organizationRef(id);
    return [id, { name, href }];
  }));
}

/** The checkpoint a release vote is pinned to, as the registry knows it (null if it no longer does). */
export function pinnedCheckpoint(decision: SiteDecision) {
  const { modelId, checkpointDigest } = decision.subject;
  if (!modelId || !checkpointDigest) return null;
  return findModel(modelId)?.checkpoints.find((checkpoint) => checkpoint.digest === checkpointDigest) ?? null;
}

/** "sha256:c23b33112ca1…": a digest short enough for a sentence; the full one goes beside it. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':') ? (digest.split(':', 2) as [string, string]) : ['', digest];
  return `${algorithm ? `${algorithm}:` : ''}${hex.slice(0, 12)}…`;
}

/** The pinned card revision and whether the live card still has it. */
export function pinnedCard(decision: SiteDecision) {
  const { modelId, cardRevision } = decision.subject;
  if (!modelId || !cardRevision) return null;
  const card = findModelCard(modelId);
  return { revision: cardRevision, href: card ? cardPagePath(modelId) : null, currentRevision: card?.revision ?? null, isCurrent: card?.revision === cardRevision };
}

/** What a decision is about, in a few words with a link (the index's subject column). */
export function subjectSummary(decision: SiteDecision): { text: string; href: string | null; detail: string | null } {
  const { subject } = decision;
  switch (subject.type) {
    case 'model_release': {
      const model = subject.modelId ? findModel(subject.modelId) : null;
      const checkpoint = pinnedCheckpoint(decision);
      return {
        text: model?.name ?? subject.modelId ?? 'a model',
        href: model ? `/models/${model.id}/` : null,
        detail: checkpoint ? `checkpoint at step ${formatExact(checkpoint.step)}` : subject.checkpointDigest ? `checkpoint ${shortDigest(subject.checkpointDigest)}` : null,
      };
    }
    case 'dataset':
      return subject.datasetId
        ? { text: datasetName(subject.datasetId), href: hasDatasetPage(subject.datasetId) ? `/datasets/${subject.datasetId}/` : null, detail: 'dataset' }
        : { text: 'a dataset', href: null, detail: null };
    case 'policy':
      return { text: subject.reference ? `the ${subject.reference} policy` : 'a policy', href: null, detail: 'policy change' };
    case 'membership':
      return { text: subject.reference ?? 'a membership', href: null, detail: 'membership' };
    default:
      return { text: subject.reference ?? '—', href: null, detail: null };
  }
}

export type BallotStatus = { key: 'counts' | 'advisory' | 'replaced' | 'invalidated' | 'not-counted'; text: string };

/**
 * Where a ballot stands: counted (for its organisation, and for those that delegated to it),
 * advisory, replaced by a later ballot of the same organisation, or invalidated by a change of the
 * subject. Ballots of a secret vote are listed only once it has closed, when its tally is public.
 */
export function ballotStatus(ballot: SiteBallot, decision: SiteDecision): BallotStatus {
  if (ballot.invalidatedAt) return { key: 'invalidated', text: 'invalidated: the subject changed after it was cast' };
  if (!ballot.current) return { key: 'replaced', text: 'replaced by a later ballot' };
  if (!ballot.binding) return { key: 'advisory', text: 'advisory: recorded, not counted' };
  if (decision.outcome === 'withdrawn') return { key: 'not-counted', text: 'latest ballot; the vote was withdrawn' };
  const counted = decision.tally.secret ? [] : decision.tally.counted.filter((vote) => vote.ballotId === ballot.ballotId);
  if (counted.length === 0) return { key: 'not-counted', text: 'not counted' };
  const delegators = counted.filter((vote) => vote.via === 'delegation').map((vote) => organizationRef(vote.organizationId).name);
  return { key: 'counts', text: delegators.length ? `counts, also for ${delegators.join(', ')} (delegation)` : 'counts' };
}
