/**
 * The closed vocabularies of the registry. Plain `as const` arrays so that the database columns
 * (db/schema), the content validators (zod) and the API share one list. This file imports nothing,
 * which is why db/ may depend on it without depending on the domain's logic.
 */

/** How an organisation relates to the consortium. */
export const ORGANIZATION_CATEGORIES = [
  'partner',
  'hpc_centre',
  'strategic_board',
  'member_state',
  'initiative',
  'community',
  'observer',
] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];

/** What kind of body an organisation is. */
export const ORGANIZATION_TYPES = [
  'university',
  'research',
  'company',
  'sme',
  'hpc',
  'public_body',
  'ngo',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** What a member may do; a member holds any number of roles. */
export const MEMBER_ROLES = [
  'delegate',
  'secretariat',
  'data_steward',
  'legal',
  'release_manager',
  'reporter',
  'admin',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** What an API token allows. `admin` implies every other scope. */
export const TOKEN_SCOPES = ['admin', 'write', 'confidential', 'reporter'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Where an ownership-control declaration comes from. */
export const DECLARATION_BASES = ['self_declaration', 'public_record'] as const;
export type DeclarationBasis = (typeof DECLARATION_BASES)[number];

/** How the consortium groups its target languages (flag/languages.txt of the collection). */
export const LANGUAGE_GROUPS = ['eu_official', 'co_official', 'candidate', 'associated'] as const;
export type LanguageGroup = (typeof LANGUAGE_GROUPS)[number];

/** Classes of countries that the licensing rule recognises. */
export const COUNTRY_CLASSES = ['eu_member', 'eea', 'digital_europe_associated'] as const;
export type CountryClass = (typeof COUNTRY_CLASSES)[number];
