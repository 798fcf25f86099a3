import { inArray } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../../db/index.ts';
import { subjectRefOf } from '../../domain/decisions/effects.ts';
import type { DecisionLink } from './decision-link-schemas.ts';

export { decisionLinkSchema, subjectLinkOf, subjectLinkSchema, type DecisionLink, type SubjectLink } from './decision-link-schemas.ts';

/**
 * The decisions about each of these subjects (`model:…`, `dataset:…`, `request:…`), newest first.
 * Subjects are JSON in the proposals table, so this reads every proposal once (there are hundreds,
 * not millions) and groups them; the effects come from decision_effects.
 */
export async function decisionsAbout(db: Database | Transaction, subjectRefs: string[]): Promise<Map<string, DecisionLink[]>> {
  const wanted = new Set(subjectRefs);
  const found = new Map<string, DecisionLink[]>(subjectRefs.map((ref) => [ref, []]));
  if (wanted.size === 0) return found;
  const { proposals } = tables;
  const rows = await db
    .select({ id: proposals.id, kind: proposals.kind, title: proposals.title, state: proposals.state, outcome: proposals.outcome, closesAt: proposals.closesAt, closedAt: proposals.closedAt, subject: proposals.subject, openedAt: proposals.openedAt, isDemo: proposals.isDemo })
    .from(proposals);
  const matching = rows.filter((row) => wanted.has(subjectRefOf(row.subject))).sort((a, b) => b.openedAt.localeCompare(a.openedAt) || a.id.localeCompare(b.id));
  const effects = matching.length
    ? new Map((await db.select({ proposalId: tables.decisionEffects.proposalId, effect: tables.decisionEffects.effect }).from(tables.decisionEffects).where(inArray(tables.decisionEffects.proposalId, matching.map((row) => row.id)))).map((row) => [row.proposalId, row.effect]))
    : new Map();
  for (const row of matching) {
    const { subject, openedAt: _opened, ...link } = row;
    found.get(subjectRefOf(subject))!.push({ ...link, effect: effects.get(row.id) ?? null });
  }
  return found;
}
