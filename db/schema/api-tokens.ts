import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { TokenScope } from '../../api/domain/vocabulary.ts';
import { members } from './members.ts';

/** Bearer tokens for the API. Only the sha256 of the secret is stored; the secret is shown once. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    /** Public identifier (`tok_…`), safe to log and to put in the ledger. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** sha256 (hex) of the full secret. */
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<TokenScope[]>().notNull(),
    /** The member the token acts for, when it acts for a person. */
    memberId: text('member_id').references(() => members.id),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    expiresAt: text('expires_at'),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
    /**
     * Reporter tokens: the runs the token may report to besides those it registered itself
     * (`training_runs.registered_by_token`). Empty for every other token.
     */
    runIds: text('run_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
  },
  (table) => [
    uniqueIndex('api_tokens_secret_hash_idx').on(table.secretHash),
    index('api_tokens_member_idx').on(table.memberId),
  ],
);
