import type { OrganizationCategory } from '../vocabulary.ts';
import type { PolicyEntry } from './policy.ts';

export type ElectorateCandidate = { id: string; category: OrganizationCategory; joined: string | null; left: string | null; archived: boolean };
export type Electorate = { binding: string[]; advisory: string[] };

/**
 * Who votes on a decision of this policy, taken when voting opens: organisations of the binding and
 * advisory categories that are members on that day. The snapshot holds for the whole vote; only an
 * explicit, logged refresh changes it.
 */
export function snapshotElectorate(
  organizations: readonly ElectorateCandidate[],
  policy: Pick<PolicyEntry, 'binding' | 'advisory'>,
  day: string,
): Electorate {
  const members = organizations.filter(
    (org) => !org.archived && (org.joined === null || org.joined <= day) && (org.left === null || org.left > day),
  );
  const ids = (categories: readonly OrganizationCategory[]) =>
    members.filter((org) => categories.includes(org.category)).map((org) => org.id).sort();
  return { binding: ids(policy.binding), advisory: ids(policy.advisory.filter((category) => !policy.binding.includes(category))) };
}
