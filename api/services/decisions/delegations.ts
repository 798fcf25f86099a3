import { randomBytes } from 'node:crypto';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger } from '../ledger.ts';
import { pagedList, type Page } from '../pagination.ts';
import { memberOrOperator } from './acting-member.ts';

export type DelegationRow = typeof tables.delegations.$inferSelect;

/**
 * An organisation lends its vote on one decision kind to another organisation for a period. Its
 * delegates (or an operator) decide it; a ballot of its own still overrides the delegate's.
 */
export async function createDelegation(
  ctx: ServiceContext,
  {
    actor,
    input,
  }: { actor: Actor; input: { from: string; to: string; kind: string; validFrom?: string | undefined; validUntil?: string | null | undefined } },
): Promise<DelegationRow> {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const member = await memberOrOperator(tx, actor);
    if (member && (member.organizationId !== input.from || !member.roles.includes('delegate')))
      throw new AppError('forbidden', `Only delegates of ${input.from} may delegate its vote.`);
    if (input.from === input.to) throw new AppError('invalid', 'An organisation cannot delegate to itself.');
    for (const id of [input.from, input.to]) {
      const [org] = await tx.select({ id: tables.organizations.id }).from(tables.organizations).where(and(eq(tables.organizations.id, id), isNull(tables.organizations.archivedAt)));
      if (!org) throw new AppError('invalid', `No organisation has the id "${id}".`, { organizationId: id });
    }
    const [policy] = await tx.select({ kind: tables.policies.kind }).from(tables.policies).where(eq(tables.policies.kind, input.kind));
    if (!policy) throw new AppError('invalid', `No policy governs decisions of kind "${input.kind}".`, { kind: input.kind });
    const now = ctx.clock().toISOString();
    const validFrom = input.validFrom ? new Date(input.validFrom).toISOString() : now;
    const validUntil = input.validUntil ? new Date(input.validUntil).toISOString() : null;
    if (validUntil && validUntil <= validFrom) throw new AppError('invalid', '"validUntil" must come after "validFrom".');
    const cycle = await delegationCycle(tx, { from: input.from, to: input.to, kind: input.kind, validFrom, validUntil });
    if (cycle)
      throw new AppError('conflict', `to: delegating ${input.kind} votes from ${input.from} to ${input.to} would make a cycle: ${cycle.join(' → ')}. Revoke one of its delegations first.`, {
        field: 'to',
        cycle,
      });
    const row: DelegationRow = {
      id: `delegation_${randomBytes(6).toString('base64url')}`,
      fromOrganizationId: input.from,
      toOrganizationId: input.to,
      kind: input.kind,
      validFrom,
      validUntil,
      revokedAt: null,
      createdBy: member ? `member:${member.id}` : 'operator',
      createdAt: now,
    };
    await tx.insert(tables.delegations).values(row);
    record({ type: 'delegation.created', subject: `delegation:${row.id}`, data: { from: row.fromOrganizationId, to: row.toOrganizationId, kind: row.kind, validFrom, validUntil } });
    return row;
  });
}

export async function revokeDelegation(ctx: ServiceContext, { actor, input }: { actor: Actor; input: { id: string } }): Promise<DelegationRow> {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const [row] = await tx.select().from(tables.delegations).where(eq(tables.delegations.id, input.id));
    if (!row) throw new AppError('not_found', `No delegation has the id "${input.id}".`);
    const member = await memberOrOperator(tx, actor);
    if (member && (member.organizationId !== row.fromOrganizationId || !member.roles.includes('delegate')))
      throw new AppError('forbidden', `Only delegates of ${row.fromOrganizationId} may revoke its delegation.`);
    if (row.revokedAt) throw new AppError('conflict', `The delegation was revoked at ${row.revokedAt}.`);
    const now = ctx.clock().toISOString();
    await tx.update(tables.delegations).set({ revokedAt: now }).where(eq(tables.delegations.id, row.id));
    record({ type: 'delegation.revoked', subject: `delegation:${row.id}`, data: { revokedAt: now, kind: row.kind, from: row.fromOrganizationId } });
    return { ...row, revokedAt: now };
  });
}

/** Oldest first; delegations made at the same instant by id. */
const delegationPages = pagedList({ name: 'delegations', direction: 'asc', columns: [tables.delegations.createdAt, tables.delegations.id] });

/** Delegations, revoked and expired ones included, oldest first, optionally of one organisation or kind. */
export async function listDelegations(
  ctx: ServiceContext,
  filter: { organization?: string | undefined; kind?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<DelegationRow>> {
  const paging = delegationPages.open(filter.cursor, { organization: filter.organization, kind: filter.kind });
  const conditions: (SQL | undefined)[] = [
    filter.organization ? eq(tables.delegations.fromOrganizationId, filter.organization) : undefined,
    filter.kind ? eq(tables.delegations.kind, filter.kind) : undefined,
    paging.after,
  ];
  const rows = await ctx.database.db
    .select()
    .from(tables.delegations)
    .where(and(...conditions))
    .orderBy(...delegationPages.orderBy)
    .limit(filter.limit + 1);
  return paging.page(rows, filter.limit, (row) => [row.createdAt, row.id]);
}

/**
 * The cycle a new delegation would close, if any: the delegations of the same kind, not revoked and
 * in force at some time of the new one's period, followed from `to`; reaching `from` is a cycle
 * (`[from, to, …, from]`). A vote could then never say whose ballot counts.
 */
async function delegationCycle(
  tx: Transaction,
  delegation: { from: string; to: string; kind: string; validFrom: string; validUntil: string | null },
): Promise<string[] | null> {
  const rows = await tx
    .select({ from: tables.delegations.fromOrganizationId, to: tables.delegations.toOrganizationId, validFrom: tables.delegations.validFrom, validUntil: tables.delegations.validUntil })
    .from(tables.delegations)
    .where(and(eq(tables.delegations.kind, delegation.kind), isNull(tables.delegations.revokedAt)));
  const overlapping = rows.filter((row) => (row.validUntil === null || row.validUntil > delegation.validFrom) && (delegation.validUntil === null || row.validFrom < delegation.validUntil));
  const next = Map.groupBy(overlapping, (row) => row.from);
  const walk = (at: string, path: string[]): string[] | null => {
    if (at === delegation.from) return path;
    for (const edge of next.get(at) ?? []) {
      if (path.includes(edge.to) && edge.to !== delegation.from) continue;
      const found = walk(edge.to, [...path, edge.to]);
      if (found) return found;
    }
    return null;
  };
  return walk(delegation.to, [delegation.from, delegation.to]);
}
