import { and, eq, isNull } from 'drizzle-orm';
import { tables } from '../../db/index.ts';
import type { LanguageGroup } from '../domain/vocabulary.ts';
import type { ServiceContext } from './context.ts';
import { AppError } from './errors.ts';
import { pagedList, type Page } from './pagination.ts';

export type LanguageView = {
  code: string;
  name: string;
  iso6391: string | null;
  group: LanguageGroup;
  variants: string[];
  priority: number;
};

/** The consortium's priority order; the code breaks a tie should two languages share a priority. */
const languagePages = pagedList({ name: 'languages', direction: 'asc', columns: [tables.languages.priority, tables.languages.code] });

/** Target languages in the consortium's priority order, optionally one group only. */
export async function listLanguages(
  ctx: ServiceContext,
  filter: { group?: LanguageGroup | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<LanguageView>> {
  const paging = languagePages.open(filter.cursor, { group: filter.group });
  const table = tables.languages;
  const rows = await ctx.database.db
    .select()
    .from(table)
    .where(and(isNull(table.archivedAt), filter.group ? eq(table.group, filter.group) : undefined, paging.after))
    .orderBy(...languagePages.orderBy)
    .limit(filter.limit + 1);
  const views = rows.map(({ code, name, iso6391, group, variants, priority }) => ({ code, name, iso6391, group, variants, priority }));
  return paging.page(views, filter.limit, (language) => [language.priority, language.code]);
}

/** One language by ISO 639-3 code or by any of its script variants (`ekk_Latn` finds Estonian). */
export async function getLanguage(ctx: ServiceContext, codeOrVariant: string): Promise<LanguageView> {
  const rows = await ctx.database.db.select().from(tables.languages).where(isNull(tables.languages.archivedAt));
  const row = rows.find((language) => language.code === codeOrVariant || language.variants.includes(codeOrVariant));
  if (!row) throw new AppError('not_found', `No target language has the code or variant "${codeOrVariant}".`);
  const { code, name, iso6391, group, variants, priority } = row;
  return { code, name, iso6391, group, variants, priority };
}
