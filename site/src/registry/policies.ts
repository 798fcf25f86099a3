import type { PolicyEntry } from '../../../api/domain/decisions/policy.ts';
import { CATEGORY_LABELS } from './labels.ts';
import { snapshot } from './snapshot.ts';

/** The policies in force, from the snapshot (content/governance/policies.yaml as synced). */
export const policies: readonly PolicyEntry[] = snapshot.decisions.policies;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const days = (hours: number) => hours >= 168 && hours % 24 === 0;

/** How long a vote stays open, in the words the handbook uses: "72 h to 14 days", "7 to 21 days". */
export function durationText(policy: PolicyEntry): string {
  const { minimum_duration_hours: min, maximum_duration_hours: max } = policy;
  const range = days(min) && days(max) ? `${min / 24} to ${max / 24} days` : `${days(min) ? `${min / 24} days` : `${min} h`} to ${days(max) ? `${max / 24} days` : `${max} h`}`;
  return policy.early_close ? range : `${range}, no early close`;
}

/** A policy's rules as the handbook's table shows them. */
export function policyRow(policy: PolicyEntry) {
  const categories = (list: readonly string[]) => (list.length ? list.map((category) => CATEGORY_LABELS[category as keyof typeof CATEGORY_LABELS] ?? category).join(', ') : 'none');
  return {
    kind: policy.kind,
    title: policy.title,
    binding: categories(policy.binding),
    advisory: categories(policy.advisory),
    quorum: percent(policy.quorum),
    threshold: percent(policy.threshold),
    minimumApprovals: String(policy.minimum_approvals),
    open: durationText(policy),
    concerns: policy.concerns.enabled ? `yes, raised by ${categories(policy.concerns.raised_by)}` : 'no',
    secret: policy.secret ? 'yes' : 'no',
    preconditions: policy.preconditions.length ? policy.preconditions.map((precondition) => precondition.replaceAll('_', ' ')).join(', ') : 'none',
  };
}
