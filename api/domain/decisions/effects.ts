import type { Outcome } from './vocabulary.ts';

/**
 * What a closed decision does to its subject: `released` (a model version), `accepted` and
 * `deprecated` (a dataset, or a nomination), `recorded` (a policy change or a membership: the outcome
 * is what the registry shows, the YAML change is reviewed as a pull request), `unchanged` (anything
 * but `passed`: the subject is left as it was, and the record says so).
 */
export const DECISION_EFFECTS = ['released', 'accepted', 'deprecated', 'recorded', 'unchanged'] as const;
export type DecisionEffect = (typeof DECISION_EFFECTS)[number];

export type SubjectType = 'model_release' | 'dataset' | 'policy' | 'membership' | 'other';

/** The subject type each shipped decision kind takes; a kind not listed (a policy added later) takes any. */
export const SUBJECT_TYPE_OF_KIND: Record<string, SubjectType> = {
  release: 'model_release',
  dataset_inclusion: 'dataset',
  dataset_deprecation: 'dataset',
  policy_change: 'policy',
  membership: 'membership',
};

type Subject = { type: SubjectType; modelId?: string; datasetId?: string; reference?: string; checkpointDigest?: string; cardRevision?: string; cycle?: string };

/** What the decision is about, as one reference (`model:…`, `dataset:…`, `request:…`, `policy:…`): two open votes of one kind may not share it. */
export function subjectRefOf(subject: Subject): string {
  if (subject.type === 'model_release') return `model:${subject.modelId ?? ''}`;
  if (subject.type === 'dataset') return subject.datasetId ? `dataset:${subject.datasetId}` : (subject.reference ?? 'dataset:');
  return `${subject.type}:${subject.reference ?? ''}`;
}

/** The effect a decision of `kind` that ended with `outcome` has on its subject. Pure: the ledger check recomputes it. */
export function effectOf(kind: string, outcome: Outcome, subject: Subject, at: string): { effect: DecisionEffect; subjectRef: string; details: Record<string, unknown> } {
  const subjectRef = subjectRefOf(subject);
  if (outcome !== 'passed') return { effect: 'unchanged', subjectRef, details: { because: outcome } };
  if (kind === 'release') return { effect: 'released', subjectRef, details: { checkpointDigest: subject.checkpointDigest ?? null, cardRevision: subject.cardRevision ?? null } };
  if (kind === 'dataset_inclusion') return { effect: 'accepted', subjectRef, details: { cycle: subject.cycle ?? null } };
  if (kind === 'dataset_deprecation') return { effect: 'deprecated', subjectRef, details: { date: at.slice(0, 10) } };
  return { effect: 'recorded', subjectRef, details: {} };
}
