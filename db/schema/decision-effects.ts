import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DECISION_EFFECTS } from '../../api/domain/decisions/effects.ts';
import { OUTCOMES } from '../../api/domain/decisions/vocabulary.ts';
import { proposals } from './decisions.ts';

/**
 * What a closed decision did to its subject, written in the transaction that closed it (or withdrew
 * or superseded it) beside its ledger entry: the registry reads a model's release, a dataset's
 * acceptance or deprecation, and a recorded policy or membership outcome from here.
 */
export const decisionEffects = sqliteTable(
  'decision_effects',
  {
    proposalId: text('proposal_id')
      .primaryKey()
      .references(() => proposals.id),
    kind: text('kind').notNull(),
    outcome: text('outcome', { enum: OUTCOMES }).notNull(),
    effect: text('effect', { enum: DECISION_EFFECTS }).notNull(),
    /** `model:<id>`, `dataset:<id>`, `request:<id>`, `policy:<ref>`, `membership:<ref>`, `other:<ref>`. */
    subjectRef: text('subject_ref').notNull(),
    /** The effect's facts: the released checkpoint and card revision, the cycle, the date. */
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    at: text('at').notNull(),
  },
  (table) => [index('decision_effects_subject_idx').on(table.subjectRef, table.at)],
);
