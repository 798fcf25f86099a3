import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { tables } from '../../db/index.ts';
import type { LanguageGroup } from '../domain/vocabulary.ts';
import type { ServiceContext } from './context.ts';
import { AppError } from './errors.ts';
import { decodeCursor, toPage, type Page } from './pagination.ts';

export type LanguageView = {
  code: string;
  name: string;
  iso6391: string | null;
  group: LanguageGroup;
  variants: string[];
  priority: number;
};

const PRIORITY_WIDTH = 6;

/** Target languages in the consortium's priority order, optionally one group only. */
export async function listLanguages(
  ctx: ServiceContext,
  filter: { group?: LanguageGroup | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<LanguageView>> {
  const after = decodeCursor(filter.cursor);
  const afterPriority = after === null ? null : Number(after);
  if (afterPriority !== null && !Number.isSafeInteger(afterPriority)) throw new AppError('invalid', 'The cursor is not one this API gave out.');
  const table = tables.languages;
  const rows = await ctx.database.db
    .select()
    .from(table)
    .where(
      and(
        isNull(table.archivedAt),
        filter.group ? eq(table.group, filter.group) : undefined,
        afterPriority !== null ? gt(table.priority, afterPriority) : undefined,
      ),
    )
    .orderBy(asc(table.priority))
    .limit(filter.limit + 1);
  const views = rows.map(({ code, name, iso6391, group, variants, priority }) => ({ code, name, iso6391, group, variants, priority }));
  return toPage(views, filter.limit, (language) => String(language.priority).padStart(PRIORITY_WIDTH, '0'));
}

/** One language by ISO 639-3 code or by any of its script variants (`ekk_Latn` finds Estonian). */
export async function getLanguage(ctx: ServiceContext, codeOrVariant: string): Promise<LanguageView> {
  const rows = await ctx.database.db.select().from(tables.languages).where(isNull(tables.languages.archivedAt));
  const row = rows.find((language) => language.code === codeOrVariant || language.variants.includes(codeOrVariant));
  if (!row) throw new AppError('not_found', `No target language has the code or variant "${codeOrVariant}".`);
  const { code, name, iso6391, group, variants, priority } = row;
  return { code, name, iso6391, group, variants, priority };
}
