import type { ServiceContext } from './context.ts';
import { listLanguages, type LanguageView } from './languages.ts';
import { getLedgerHead } from './ledger.ts';
import { listOrganizations, type OrganizationView } from './organizations.ts';
import type { Page } from './pagination.ts';

export type RegistrySnapshot = {
  generatedAt: string;
  ledgerHead: { seq: number; hash: string } | null;
  organizations: OrganizationView[];
  languages: LanguageView[];
};

/** Everything the static site shows of the registry, read in one go (the site never writes). */
export async function buildRegistrySnapshot(ctx: ServiceContext): Promise<RegistrySnapshot> {
  const [organizations, languages, ledgerHead] = await Promise.all([
    readAll((cursor) => listOrganizations(ctx, { cursor, limit: 500 })),
    readAll((cursor) => listLanguages(ctx, { cursor, limit: 500 })),
    getLedgerHead(ctx),
  ]);
  return { generatedAt: ctx.clock().toISOString(), ledgerHead, organizations, languages };
}

async function readAll<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    items.push(...result.items);
    cursor = result.next ?? undefined;
  } while (cursor);
  return items;
}
