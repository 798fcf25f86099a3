import { isNull } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { PolicyEntry } from '../../domain/decisions/policy.ts';
import type { ServiceContext } from '../context.ts';

/** The shipped kinds first, in the order the handbook explains them; any other kind after, by name. */
const KIND_ORDER = ['release', 'dataset_inclusion', 'dataset_deprecation', 'policy_change', 'membership'];
const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);

/** The decision policies in force (content/governance/policies.yaml, as synced), each as written there. */
export async function listPolicies(ctx: ServiceContext): Promise<PolicyEntry[]> {
  const rows = await ctx.database.db.select({ definition: tables.policies.definition }).from(tables.policies).where(isNull(tables.policies.archivedAt));
  return rows.map((row) => row.definition).sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind));
}
