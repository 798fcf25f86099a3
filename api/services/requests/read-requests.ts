import { eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { canSeeAll } from './access-control.ts';
import type { RequestView } from './request-views.ts';
import { toFullView, toPublicView } from './views.ts';
import { loadRequest } from './transition-request.ts';
import { decisionsAbout, type DecisionLink } from '../decisions/decisions-about.ts';

/** One request as the actor may see it: everything for requester and handlers, type/state/dates otherwise. */
export async function getRequest(ctx: ServiceContext, { actor, id }: { actor: Actor; id: string }): Promise<RequestView & { decisions: DecisionLink[] }> {
  const db = ctx.database.db;
  const row = await loadRequest(db, id);
  const now = ctx.clock().toISOString();
  const [view, decisions] = await Promise.all([
    (await canSeeAll(db, actor, row)) ? toFullView(db, row, now) : toPublicView(db, row, now),
    decisionsAbout(db, [`request:${id}`]),
  ]);
  // The votes on a request are public: a nomination's vote names it by its public fields alone.
  return { ...view, decisions: decisions.get(`request:${id}`)! };
}

export type Transparency = {
  generatedAt: string;
  /** Whether the requests `agora demo` filed are counted in (only when the reader asked for it). */
  includesDemo: boolean;
  /** Demo requests left out of the figures below (0 when they are counted in). */
  demoExcluded: number;
  received: number;
  answered: number;
  answeredOnTime: number;
  open: number;
  overdue: number;
  medianResponseDays: number | null;
  byRequesterKind: { requesterKind: string; received: number; answered: number; answeredOnTime: number; medianResponseDays: number | null }[];
};

/**
 * The consortium's record on data-inspection requests: how many, answered in time, how fast, by who
 * asked. Demo requests (`agora demo`) are not the consortium's record: they are left out, and
 * counted as left out, unless `includeDemo` asks for them.
 */
export async function inspectionTransparency(ctx: ServiceContext, { includeDemo = false }: { includeDemo?: boolean } = {}): Promise<Transparency> {
  const db = ctx.database.db;
  const now = ctx.clock().toISOString();
  const inspections = await db.select().from(tables.requests).where(eq(tables.requests.type, 'inspection'));
  const rows = includeDemo ? inspections : inspections.filter((row) => !row.isDemo);
  const views = await Promise.all(rows.map(async (row) => ({ row, full: await toFullView(db, row, now) })));
  const summarise = (subset: typeof views) => {
    const answered = subset.filter(({ row }) => row.answeredAt);
    return {
      received: subset.length,
      answered: answered.length,
      answeredOnTime: answered.filter(({ full }) => full.answeredOnTime).length,
      medianResponseDays: median(answered.map(({ row }) => (Date.parse(row.answeredAt!) - Date.parse(row.filedAt)) / 86_400_000)),
    };
  };
  const kinds = [...new Set(rows.map((row) => row.requesterKind ?? 'unknown'))].sort();
  return {
    generatedAt: now,
    includesDemo: includeDemo,
    demoExcluded: inspections.length - rows.length,
    ...summarise(views),
    open: views.filter(({ row }) => !row.answeredAt).length,
    overdue: views.filter(({ full }) => full.overdue).length,
    byRequesterKind: kinds.map((kind) => ({ requesterKind: kind, ...summarise(views.filter(({ row }) => (row.requesterKind ?? 'unknown') === kind)) })),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
}
