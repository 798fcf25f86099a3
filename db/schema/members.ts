import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { MEMBER_ROLES } from '../../api/domain/vocabulary.ts';
import { organizations } from './organizations.ts';

/**
 * People who act for organisations. Personal data lives here (mutable, erasable), never in the
 * ledger, which refers to members by id only.
 */
export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    displayName: text('display_name').notNull(),
    githubLogin: text('github_login'),
    discordUserId: text('discord_user_id'),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** Created by `agora demo`, not by the registry: shown as demo everywhere. */
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    contentDigest: text('content_digest').notNull(),
    archivedAt: text('archived_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    // GitHub logins are case-insensitive; store them lower-cased so the index means what it says.
    uniqueIndex('members_github_login_idx').on(table.githubLogin),
    uniqueIndex('members_discord_user_id_idx').on(table.discordUserId),
    index('members_organization_idx').on(table.organizationId),
  ],
);

/** The roles a member holds; one row per (member, role). */
export const memberRoles = sqliteTable(
  'member_roles',
  {
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MEMBER_ROLES }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.memberId, table.role] })],
);
