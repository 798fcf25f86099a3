import type { DeadlineDefaults } from '../../domain/requests/deadlines.ts';
import { REQUESTER_KINDS, type RequesterKind } from '../../domain/requests/vocabulary.ts';
import { anonymous, type ServiceContext } from '../context.ts';
import { exportRequestViews } from './export-requests.ts';
import { publicTimelines, type PublicTimelineEntry } from './public-timeline.ts';
import { inspectionTransparency, type Transparency } from './read-requests.ts';
import { deadlineDefaults, type PublicRequestView } from './views.ts';

/**
 * A request as the site shows it: the public view, with `dueAt` null while the request waits for
 * the requester. While paused, the view's due date is "as if the clock restarted now", so it moves
 * with every reading; keeping it would change the site fingerprint on every check.
 */
export type SnapshotRequest = Omit<PublicRequestView, 'dueAt'> & { dueAt: string | null; timeline: PublicTimelineEntry[] };

export type RequestsSnapshot = {
  /** Every request, newest first, as an anonymous reader sees it: type, state and dates only. */
  items: SnapshotRequest[];
  /**
   * inspectionTransparency without its clock reading (the snapshot has its own `generatedAt`): the
   * official figures, demo requests left out (and counted in `demoExcluded`), as the site shows them.
   */
  transparency: Omit<Transparency, 'generatedAt' | 'includesDemo' | 'byRequesterKind'> & {
    byRequesterKind: (Omit<Transparency['byRequesterKind'][number], 'requesterKind'> & { requesterKind: RequesterKind | 'unknown' })[];
  };
  /** Days to answer when no authority stated a period (content/governance/requests.yaml, as synced). */
  deadlines: DeadlineDefaults;
};

/**
 * The requests part of the site snapshot. Read as `anonymous`, so the services hand out public views
 * only; fields are then copied by name, so nothing a requester wrote can reach the site even if a
 * view grew. A full view here is a broken contract, not a case to handle: fail closed.
 */
export async function buildRequestsSnapshot(ctx: ServiceContext): Promise<RequestsSnapshot> {
  const [views, { generatedAt: _clock, includesDemo: _never, ...transparency }, deadlines] = await Promise.all([
    exportRequestViews(ctx, { actor: anonymous, filter: {} }),
    inspectionTransparency(ctx),
    deadlineDefaults(ctx.database.db),
  ]);
  const timelines = await publicTimelines(ctx, views.map((view) => view.id));
  const items = views.map((view): SnapshotRequest => {
    if ('visibility' in view) throw new Error(`request ${view.id}: an anonymous reader was given its full view`);
    return {
      id: view.id,
      type: view.type,
      state: view.state,
      filedAt: view.filedAt,
      dueAt: view.paused ? null : view.dueAt,
      overdue: view.overdue,
      paused: view.paused,
      answeredAt: view.answeredAt,
      closedAt: view.closedAt,
      updatedAt: view.updatedAt,
      isDemo: view.isDemo,
      timeline: timelines.get(view.id) ?? [],
    };
  });
  const byRequesterKind = transparency.byRequesterKind.map((row) => ({ ...row, requesterKind: knownKind(row.requesterKind) }));
  const { dataset, access, inspection, card_correction, downstream_provider } = deadlines;
  return { items, transparency: { ...transparency, byRequesterKind }, deadlines: { dataset, access, inspection, card_correction, downstream_provider } };
}

/** The database holds only REQUESTER_KINDS (or nothing: `unknown`); anything else is a broken contract. */
function knownKind(kind: string): RequesterKind | 'unknown' {
  if (kind === 'unknown' || (REQUESTER_KINDS as readonly string[]).includes(kind)) return kind as RequesterKind | 'unknown';
  throw new Error(`inspection transparency: unexpected requester kind "${kind}"`);
}
