import { and, eq, inArray, or } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import type { ServiceContext } from '../context.ts';

/** The hub's record of a GitHub issue it follows. */
export type IssueRow = typeof tables.githubIssues.$inferSelect;

/** The parts of a webhook's `issue` object the bot reads. */
export type IssuePayload = {
  id?: number;
  number: number;
  title?: string | null;
  body?: string | null;
  state?: string;
  updated_at?: string;
  user?: { login: string; id?: number; type?: string } | null;
  labels?: ({ name?: string } | string)[];
  pull_request?: unknown;
};

const whereIssue = (repository: string, number: number) => and(eq(tables.githubIssues.repository, repository), eq(tables.githubIssues.number, number));

/** The record of an issue, or null when the hub does not follow it. */
export async function loadIssue(services: ServiceContext, repository: string, number: number): Promise<IssueRow | null> {
  const [row] = await services.database.db.select().from(tables.githubIssues).where(whereIssue(repository, number));
  return row ?? null;
}

/**
 * Keeps the raw issue as GitHub last described it. Deliveries come out of order: an older view
 * (an `opened` arriving after an `edited`) does not overwrite a newer one. Returns the row and
 * whether this delivery was the newest view.
 */
export async function recordIssue(
  services: ServiceContext,
  repository: string,
  issue: IssuePayload,
  form: string | null,
): Promise<{ row: IssueRow; newest: boolean }> {
  const now = services.clock().toISOString();
  const seenAt = issue.updated_at ?? now;
  const fields = {
    githubId: issue.id ?? null,
    title: (issue.title ?? '').slice(0, 1000),
    body: (issue.body ?? '').slice(0, 300_000),
    authorLogin: (issue.user?.login ?? 'ghost').toLowerCase(),
    authorId: issue.user?.id ?? null,
    state: issue.state === 'closed' ? ('closed' as const) : ('open' as const),
    form,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    githubUpdatedAt: seenAt,
    updatedAt: now,
  };
  const existing = await loadIssue(services, repository, issue.number);
  if (existing && existing.githubUpdatedAt > seenAt) return { row: existing, newest: false };
  const { githubIssues: issues } = tables;
  await services.database.write(async (tx) => {
    await tx
      .insert(issues)
      .values({ repository, number: issue.number, problems: [], ...fields })
      .onConflictDoUpdate({ target: [issues.repository, issues.number], set: { ...fields, form: form ?? existing?.form ?? null } });
  });
  return { row: (await loadIssue(services, repository, issue.number))!, newest: true };
}

/** Saves what parsing found (problems or none). */
export async function recordProblems(services: ServiceContext, issue: IssueRow, problems: string[]): Promise<IssueRow> {
  await services.database.write(async (tx) => {
    await tx.update(tables.githubIssues).set({ problems }).where(whereIssue(issue.repository, issue.number));
  });
  return { ...issue, problems };
}

/**
 * Links an issue to the request or proposal it became, in the caller's write (the `also` of
 * `applyOnce`), so the link commits with the filing and the record that it was applied.
 */
export async function linkIssueInWrite(tx: Transaction, issue: IssueRow, link: { requestId?: string; proposalId?: string }): Promise<void> {
  await tx.update(tables.githubIssues).set(link).where(whereIssue(issue.repository, issue.number));
}

/** Records the issue's state on GitHub (open, closed, deleted). */
export async function markIssueState(services: ServiceContext, issue: { repository: string; number: number }, state: 'open' | 'closed' | 'deleted'): Promise<void> {
  await services.database.write(async (tx) => {
    await tx.update(tables.githubIssues).set({ state, updatedAt: services.clock().toISOString() }).where(whereIssue(issue.repository, issue.number));
  });
}

/**
 * Moves an issue's record to where GitHub transferred it; a record already there (the new issue's
 * own, from a delivery that came first) gives way to the one that tracks the request.
 */
export async function moveTransferredIssue(services: ServiceContext, from: { repository: string; number: number }, to: { repository: string; number: number }): Promise<void> {
  const { githubIssues: issues } = tables;
  await services.database.write(async (tx) => {
    const [existing] = await tx.select().from(issues).where(whereIssue(to.repository, to.number));
    if (existing) await tx.delete(issues).where(whereIssue(to.repository, to.number));
    await tx.update(issues).set({ repository: to.repository, number: to.number }).where(whereIssue(from.repository, from.number));
  });
}

/** The issues that track these requests or proposals (a proposal also through the nomination put to it). */
export async function listIssuesTracking(services: ServiceContext, requestIds: string[], proposalIds: string[]): Promise<IssueRow[]> {
  const db = services.database.db;
  const { githubIssues: issues, requests } = tables;
  const viaNomination = proposalIds.length
    ? (await db.select({ id: requests.id }).from(requests).where(inArray(requests.linkedProposalId, proposalIds))).map((row) => row.id)
    : [];
  const allRequests = [...new Set([...requestIds, ...viaNomination])];
  const conditions = [
    ...(allRequests.length ? [inArray(issues.requestId, allRequests)] : []),
    ...(proposalIds.length ? [inArray(issues.proposalId, proposalIds)] : []),
  ];
  return conditions.length ? db.select().from(issues).where(or(...conditions)) : [];
}

/** What the hub last saw of these issue numbers, in any repository (the caller picks its own). */
export async function listIssueVersions(services: ServiceContext, numbers: readonly number[]): Promise<{ number: number; githubUpdatedAt: string; state: string; repository: string }[]> {
  const { githubIssues: issues } = tables;
  const rows: { number: number; githubUpdatedAt: string; state: string; repository: string }[] = [];
  // In slices: SQLite caps the parameters of one statement.
  for (let index = 0; index < numbers.length; index += 500)
    rows.push(
      ...(await services.database.db
        .select({ number: issues.number, githubUpdatedAt: issues.githubUpdatedAt, state: issues.state, repository: issues.repository })
        .from(issues)
        .where(inArray(issues.number, numbers.slice(index, index + 500)))),
    );
  return rows;
}
