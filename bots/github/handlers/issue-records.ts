import { and, eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { ServiceContext } from '../../../api/services/context.ts';
import { enqueueOutbox } from '../../../api/services/outbox.ts';
import type { IssueRow } from '../sync/issue-sync.ts';
import { issueSyncMessages } from '../sync/issue-sync.ts';
import { GITHUB_CHANNEL } from '../sync/github-messages.ts';

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

export const repositoryOf = (payload: { repository?: { full_name?: string } }) => payload.repository?.full_name ?? null;

export async function loadIssue(services: ServiceContext, repository: string, number: number): Promise<IssueRow | null> {
  const { githubIssues: issues } = tables;
  const [row] = await services.database.db.select().from(issues).where(and(eq(issues.repository, repository), eq(issues.number, number)));
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

/** Queues the issue's status comment, labels and state as the record says they should be. */
export async function queueIssueSync(services: ServiceContext, issue: IssueRow, publicUrl: string, options: { refusal?: string | null; force?: boolean } = {}) {
  const messages = await issueSyncMessages(services, issue, publicUrl, options.refusal ?? null);
  await services.database.write(async (tx) => {
    for (const message of messages) await enqueueOutbox(tx, { channel: GITHUB_CHANNEL, ...message, now: services.clock(), force: options.force ?? false });
  });
}

/** Saves what parsing found (problems or none). */
export async function recordProblems(services: ServiceContext, issue: IssueRow, problems: string[]): Promise<IssueRow> {
  const { githubIssues: issues } = tables;
  await services.database.write(async (tx) => {
    await tx.update(issues).set({ problems }).where(and(eq(issues.repository, issue.repository), eq(issues.number, issue.number)));
  });
  return { ...issue, problems };
}
