import type { PolicyEntry } from '../../domain/decisions/policy.ts';
import type { LanguageEntry } from '../../domain/registry/language.ts';
import type { MemberEntry } from '../../domain/registry/member.ts';
import type { OrganizationEntry } from '../../domain/registry/organization.ts';

/** Content entries (snake_case, as authors write them) mapped to database columns. */
export function toOrganizationRow(entry: OrganizationEntry) {
  const control = entry.ownership_control;
  return {
    id: entry.id,
    name: entry.name,
    legalName: entry.legal_name ?? null,
    country: entry.country,
    category: entry.category,
    type: entry.type,
    role: entry.role ?? null,
    website: entry.website ?? null,
    joined: entry.joined ?? null,
    left: entry.left ?? null,
    ownershipControl: control
      ? {
          thirdCountryControlled: control.third_country_controlled,
          controllers: control.controllers,
          declared: control.declared,
          recheck: control.recheck,
          basis: control.basis,
          note: control.note ?? null,
        }
      : null,
  };
}

export function toLanguageRow(entry: LanguageEntry) {
  return {
    code: entry.code,
    name: entry.name,
    iso6391: entry.iso639_1 ?? null,
    group: entry.group,
    variants: entry.variants,
    priority: entry.priority,
  };
}

export function toPolicyRow(entry: PolicyEntry) {
  return { kind: entry.kind, title: entry.title, definition: entry };
}

export function toMemberRow(entry: MemberEntry) {
  return {
    id: entry.id,
    displayName: entry.display_name,
    // GitHub logins are case-insensitive; one spelling keeps the unique index honest.
    githubLogin: entry.github?.toLowerCase() ?? null,
    discordUserId: entry.discord ?? null,
    organizationId: entry.organization,
    roles: [...new Set(entry.roles)].sort(),
  };
}
