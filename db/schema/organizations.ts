import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  ORGANIZATION_CATEGORIES,
  ORGANIZATION_TYPES,
  type DeclarationBasis,
} from '../../api/domain/vocabulary.ts';

/** Ownership control as stored: the content file's declaration, camel-cased. */
export type OwnershipControl = {
  thirdCountryControlled: boolean;
  controllers: { name: string; country: string }[];
  declared: string;
  recheck: string;
  basis: DeclarationBasis;
  note: string | null;
};

/** The consortium registry's organisations, synced from content/governance/organizations.yaml. */
export const organizations = sqliteTable(
  'organizations',
  {
    /** Slug from the content file; stable across renames. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    /** ISO 3166-1 alpha-2 country of establishment. */
    country: text('country').notNull(),
    category: text('category', { enum: ORGANIZATION_CATEGORIES }).notNull(),
    type: text('type', { enum: ORGANIZATION_TYPES }).notNull(),
    role: text('role'),
    website: text('website'),
    joined: text('joined'),
    left: text('left'),
    ownershipControl: text('ownership_control', { mode: 'json' }).$type<OwnershipControl | null>(),
    /** sha256 of the canonical content entry; sync compares it to skip unchanged rows. */
    contentDigest: text('content_digest').notNull(),
    /** Set when the entry disappears from the content file; rows are kept for history. */
    archivedAt: text('archived_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [index('organizations_category_idx').on(table.category)],
);
