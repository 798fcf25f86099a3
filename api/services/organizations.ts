import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { tables } from '../../db/index.ts';
import { countryName } from '../domain/countries.ts';
import { checkLicensingEligibility, type CountryClassSets, type EligibilityVerdict } from '../domain/eligibility.ts';
import type { OrganizationCategory, OrganizationType } from '../domain/vocabulary.ts';
import { COUNTRY_CLASSES } from '../domain/vocabulary.ts';
import { todayOf, type ServiceContext } from './context.ts';
import { AppError } from './errors.ts';
import { pagedList, type Page } from './pagination.ts';

/** An organisation as every surface shows it, with its licensing verdict computed for today. */
export type OrganizationView = {
  id: string;
  name: string;
  legalName: string | null;
  country: string;
  countryName: string;
  category: OrganizationCategory;
  type: OrganizationType;
  role: string | null;
  website: string | null;
  joined: string | null;
  left: string | null;
  ownershipControl: {
    thirdCountryControlled: boolean;
    controllers: { name: string; country: string; countryName: string }[];
    declared: string;
    recheck: string;
    basis: 'self_declaration' | 'public_record';
    note: string | null;
  } | null;
  eligibility: EligibilityVerdict;
};

type OrganizationRow = typeof tables.organizations.$inferSelect;

export type OrganizationFilter = {
  category?: OrganizationCategory | undefined;
  type?: OrganizationType | undefined;
  country?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};

const organizationPages = pagedList({ name: 'organizations', direction: 'asc', columns: [tables.organizations.id] });

/** Registry organisations (archived ones left out), ordered by id, a page at a time. */
export async function listOrganizations(ctx: ServiceContext, filter: OrganizationFilter): Promise<Page<OrganizationView>> {
  const { category, type } = filter;
  const country = filter.country?.toUpperCase();
  const paging = organizationPages.open(filter.cursor, { category, type, country });
  const table = tables.organizations;
  const conditions: (SQL | undefined)[] = [
    isNull(table.archivedAt),
    category ? eq(table.category, category) : undefined,
    type ? eq(table.type, type) : undefined,
    country ? eq(table.country, country) : undefined,
    paging.after,
  ];
  const rows = await ctx.database.db
    .select()
    .from(table)
    .where(and(...conditions))
    .orderBy(...organizationPages.orderBy)
    .limit(filter.limit + 1);
  const page = paging.page(rows, filter.limit, (row) => [row.id]);
  const classes = await loadCountryClasses(ctx);
  const today = todayOf(ctx);
  return { items: page.items.map((row) => toOrganizationView(row, classes, today)), next: page.next };
}

/** One organisation with its eligibility verdict; `not_found` for unknown or archived ids. */
export async function getOrganization(ctx: ServiceContext, id: string): Promise<OrganizationView> {
  const [row] = await ctx.database.db
    .select()
    .from(tables.organizations)
    .where(and(eq(tables.organizations.id, id), isNull(tables.organizations.archivedAt)));
  if (!row) throw new AppError('not_found', `No organisation has the id "${id}".`, { id });
  return toOrganizationView(row, await loadCountryClasses(ctx), todayOf(ctx));
}

export async function loadCountryClasses(ctx: ServiceContext): Promise<CountryClassSets> {
  const rows = await ctx.database.db.select().from(tables.countryClasses);
  const sets = Object.fromEntries(COUNTRY_CLASSES.map((name) => [name, new Set<string>()])) as Record<
    (typeof COUNTRY_CLASSES)[number],
    Set<string>
  >;
  for (const row of rows) sets[row.class].add(row.country);
  return sets;
}

function toOrganizationView(row: OrganizationRow, classes: CountryClassSets, today: string): OrganizationView {
  const control = row.ownershipControl;
  return {
    id: row.id,
    name: row.name,
    legalName: row.legalName,
    country: row.country,
    countryName: countryName(row.country),
    category: row.category,
    type: row.type,
    role: row.role,
    website: row.website,
    joined: row.joined,
    left: row.left,
    ownershipControl: control
      ? {
          ...control,
          controllers: control.controllers.map((controller) => ({ ...controller, countryName: countryName(controller.country) })),
        }
      : null,
    eligibility: checkLicensingEligibility({ country: row.country, ownershipControl: control }, classes, today),
  };
}
