import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import { canonicalJson } from '../../domain/ledger/canonical-json.ts';
import { COUNTRY_CLASSES } from '../../domain/vocabulary.ts';
import { requireScope } from '../authorization.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { writeWithLedger, type LedgerEvent } from '../ledger.ts';
import { readContent, type Registry } from './read-content.ts';
import { reconcile, type Reconciliation, type StoredRow, type WantedRow } from './reconcile.ts';
import { toLanguageRow, toMemberRow, toOrganizationRow, toPolicyRow } from './content-rows.ts';
import { syncDatasetCards } from './sync-dataset-cards.ts';
import { syncModelCards } from './sync-model-cards.ts';
import { revalidateOpenSubjects } from '../decisions/clock.ts';

export type EntityChanges = { created: number; updated: number; archived: number; unchanged: number };
export type SyncSummary = {
  organizations: EntityChanges;
  members: EntityChanges;
  languages: EntityChanges;
  policies: EntityChanges;
  datasetCards: EntityChanges;
  modelCards: EntityChanges;
  countryClassesChanged: boolean;
  /** Ledger entries written; 0 when the content was already in the database. */
  ledgerEntries: number;
};

const digestOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * Validates the content folder and brings the database in line with it, in one transaction with its
 * ledger entries. Idempotent: content already in the database changes nothing and writes nothing.
 * Invalid content fails with `invalid` before anything is written.
 */
export async function syncContent(
  ctx: ServiceContext,
  { actor, input }: { actor: Actor; input: { contentDir: string } },
): Promise<SyncSummary> {
  requireScope(actor, 'admin');
  const { registry, files } = await readContent(input.contentDir);
  const now = ctx.clock().toISOString();

  return writeWithLedger(ctx, actor, async (tx, record) => {
    let entries = 0;
    const count = (event: LedgerEvent) => {
      entries += 1;
      record(event);
    };
    const organizations = await syncOrganizations(tx, registry, now, count);
    const languages = await syncLanguages(tx, registry, now, count);
    const policies = await syncPolicies(tx, registry, now, count);
    const members = await syncMembers(tx, registry, now, count);
    const datasetCards = recordChanges('dataset_card', await syncDatasetCards(tx, registry.datasetCards, now), count);
    const modelCards = recordChanges('model_card', await syncModelCards(tx, registry.modelCards, now, count), count);
    // A card changed under an open release vote: its ballots stop counting in this same transaction,
    // so no tally between the change and the next clock tick says "would pass" on the old card.
    if (modelCards.created + modelCards.updated + modelCards.archived > 0) await revalidateOpenSubjects(tx, { now, record: count });
    const countryClassesChanged = await syncCountryClasses(tx, registry, count);
    await syncSetting(tx, 'request_deadlines', registry.requests.deadlines, now, count);
    for (const file of files)
      await tx
        .insert(tables.contentFiles)
        .values({ ...file, syncedAt: now })
        .onConflictDoUpdate({ target: tables.contentFiles.path, set: { digest: file.digest, syncedAt: now } });
    return { organizations, members, languages, policies, datasetCards, modelCards, countryClassesChanged, ledgerEntries: entries };
  });
}

type Record_ = (event: LedgerEvent) => void;

function recordChanges<V>(entity: string, plan: Reconciliation<V>, record: Record_): EntityChanges {
  for (const row of plan.create) record({ type: `${entity}.created`, subject: `${entity}:${row.key}`, data: { digest: row.digest } });
  for (const row of plan.update)
    record({
      type: row.restored ? `${entity}.restored` : `${entity}.updated`,
      subject: `${entity}:${row.key}`,
      data: { digest: row.digest, fields: row.changed },
    });
  for (const key of plan.archive) record({ type: `${entity}.archived`, subject: `${entity}:${key}`, data: {} });
  return { created: plan.create.length, updated: plan.update.length, archived: plan.archive.length, unchanged: plan.unchanged };
}

async function syncOrganizations(tx: Transaction, registry: Registry, now: string, record: Record_) {
  const table = tables.organizations;
  const stored = (await tx.select().from(table)).map(({ id, contentDigest, archivedAt, updatedAt: _u, ...values }) => ({
    key: id,
    digest: contentDigest,
    archived: archivedAt !== null,
    values,
  }));
  const wanted = registry.organizations.organizations.map((entry) => {
    const { id, ...values } = toOrganizationRow(entry);
    return { key: id, digest: digestOf(entry), values };
  });
  const plan = reconcile(stored, wanted);
  for (const row of plan.create) await tx.insert(table).values({ id: row.key, ...row.values, contentDigest: row.digest, updatedAt: now });
  for (const row of plan.update)
    await tx.update(table).set({ ...row.values, contentDigest: row.digest, archivedAt: null, updatedAt: now }).where(eq(table.id, row.key));
  if (plan.archive.length) await tx.update(table).set({ archivedAt: now, updatedAt: now }).where(inArray(table.id, plan.archive));
  return recordChanges('organization', plan, record);
}

async function syncLanguages(tx: Transaction, registry: Registry, now: string, record: Record_) {
  const table = tables.languages;
  const stored = (await tx.select().from(table)).map(({ code, contentDigest, archivedAt, updatedAt: _u, ...values }) => ({
    key: code,
    digest: contentDigest,
    archived: archivedAt !== null,
    values,
  }));
  const wanted = registry.languages.languages.map((entry) => {
    const { code, ...values } = toLanguageRow(entry);
    return { key: code, digest: digestOf(entry), values };
  });
  const plan = reconcile(stored, wanted);
  // Priorities are unique in the file but may be reshuffled; nothing in the schema enforces it in SQL.
  for (const row of plan.create) await tx.insert(table).values({ code: row.key, ...row.values, contentDigest: row.digest, updatedAt: now });
  for (const row of plan.update)
    await tx.update(table).set({ ...row.values, contentDigest: row.digest, archivedAt: null, updatedAt: now }).where(eq(table.code, row.key));
  if (plan.archive.length) await tx.update(table).set({ archivedAt: now, updatedAt: now }).where(inArray(table.code, plan.archive));
  return recordChanges('language', plan, record);
}

async function syncPolicies(tx: Transaction, registry: Registry, now: string, record: Record_) {
  const table = tables.policies;
  const stored = (await tx.select().from(table)).map(({ kind, contentDigest, archivedAt, updatedAt: _u, ...values }) => ({
    key: kind,
    digest: contentDigest,
    archived: archivedAt !== null,
    values,
  }));
  const wanted = registry.policies.policies.map((entry) => {
    const { kind, ...values } = toPolicyRow(entry);
    return { key: kind, digest: digestOf(entry), values };
  });
  const plan = reconcile(stored, wanted);
  for (const row of plan.create) await tx.insert(table).values({ kind: row.key, ...row.values, contentDigest: row.digest, updatedAt: now });
  for (const row of plan.update)
    await tx.update(table).set({ ...row.values, contentDigest: row.digest, archivedAt: null, updatedAt: now }).where(eq(table.kind, row.key));
  if (plan.archive.length) await tx.update(table).set({ archivedAt: now, updatedAt: now }).where(inArray(table.kind, plan.archive));
  return recordChanges('policy', plan, record);
}

/** Members from the registry only: demo members (`agora demo`) are not the content file's to archive. */
async function syncMembers(tx: Transaction, registry: Registry, now: string, record: Record_) {
  const table = tables.members;
  const rolesByMember = new Map<string, string[]>();
  for (const row of await tx.select().from(tables.memberRoles))
    rolesByMember.set(row.memberId, [...(rolesByMember.get(row.memberId) ?? []), row.role].sort());
  const stored: StoredRow<Record<string, unknown>>[] = (await tx.select().from(table).where(eq(table.isDemo, false))).map(
    ({ id, contentDigest, archivedAt, updatedAt: _u, isDemo: _d, ...values }) => ({
      key: id,
      digest: contentDigest,
      archived: archivedAt !== null,
      values: { ...values, roles: rolesByMember.get(id) ?? [] },
    }),
  );
  const wanted: WantedRow<Record<string, unknown>>[] = registry.members.members.map((entry) => {
    const { id, ...values } = toMemberRow(entry);
    return { key: id, digest: digestOf(entry), values };
  });
  const plan = reconcile(stored, wanted);
  const splitRoles = (values: Record<string, unknown>) => {
    const { roles, ...columns } = values as ReturnType<typeof toMemberRow>;
    return { roles, columns };
  };
  // Free unique logins/ids of archived or changed members first, so a login can move between people.
  if (plan.archive.length)
    await tx
      .update(table)
      .set({ archivedAt: now, updatedAt: now, githubLogin: null, discordUserId: null })
      .where(inArray(table.id, plan.archive));
  for (const row of plan.update) await tx.update(table).set({ githubLogin: null, discordUserId: null }).where(eq(table.id, row.key));
  for (const row of plan.create) {
    const { roles, columns } = splitRoles(row.values);
    await tx.insert(table).values({ ...columns, id: row.key, contentDigest: row.digest, updatedAt: now });
    if (roles.length) await tx.insert(tables.memberRoles).values(roles.map((role) => ({ memberId: row.key, role })));
  }
  for (const row of plan.update) {
    const { roles, columns } = splitRoles(row.values);
    await tx.update(table).set({ ...columns, contentDigest: row.digest, archivedAt: null, updatedAt: now }).where(eq(table.id, row.key));
    await tx.delete(tables.memberRoles).where(eq(tables.memberRoles.memberId, row.key));
    if (roles.length) await tx.insert(tables.memberRoles).values(roles.map((role) => ({ memberId: row.key, role })));
  }
  if (plan.archive.length) await tx.delete(tables.memberRoles).where(inArray(tables.memberRoles.memberId, plan.archive));
  return recordChanges('member', plan, record);
}

async function syncCountryClasses(tx: Transaction, registry: Registry, record: Record_): Promise<boolean> {
  const wanted = COUNTRY_CLASSES.flatMap((countryClass) =>
    [...new Set(registry.countries[countryClass])].map((country) => ({ country, class: countryClass })),
  ).sort((a, b) => `${a.class}/${a.country}`.localeCompare(`${b.class}/${b.country}`));
  const stored = (await tx.select().from(tables.countryClasses)).sort((a, b) =>
    `${a.class}/${a.country}`.localeCompare(`${b.class}/${b.country}`),
  );
  if (canonicalJson(stored) === canonicalJson(wanted)) return false;
  await tx.delete(tables.countryClasses);
  await tx.insert(tables.countryClasses).values(wanted);
  record({ type: 'country_classes.updated', subject: 'country_classes', data: { digest: digestOf(wanted), asOf: registry.countries.as_of } });
  return true;
}

/** A settings row from a content file; a change is recorded with its digest. */
async function syncSetting(tx: Transaction, key: string, value: unknown, now: string, record: Record_): Promise<void> {
  const [current] = await tx.select().from(tables.settings).where(eq(tables.settings.key, key));
  if (current && canonicalJson(current.value) === canonicalJson(value)) return;
  await tx
    .insert(tables.settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: tables.settings.key, set: { value, updatedAt: now } });
  record({ type: 'setting.updated', subject: `setting:${key}`, data: { digest: digestOf(value) } });
}
