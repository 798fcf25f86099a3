import type { ServiceContext } from '../../../api/services/context.ts';
import { enqueueOutbox } from '../../../api/services/outbox.ts';
import type { IssueRow } from '../../../api/services/github/tracked-issues.ts';
import { issueSyncMessages } from '../sync/issue-sync.ts';
import { GITHUB_CHANNEL } from '../sync/github-messages.ts';

// The issue record itself (load, record, problems, links) lives in api/services/github/tracked-issues.ts.
export const repositoryOf = (payload: { repository?: { full_name?: string } }) => payload.repository?.full_name ?? null;

/** Queues the issue's status comment, labels and state as the record says they should be. */
export async function queueIssueSync(services: ServiceContext, issue: IssueRow, publicUrl: string, options: { refusal?: string | null; force?: boolean } = {}) {
  const messages = await issueSyncMessages(services, issue, publicUrl, options.refusal ?? null);
  await services.database.write(async (tx) => {
    for (const message of messages) await enqueueOutbox(tx, { channel: GITHUB_CHANNEL, ...message, now: services.clock(), force: options.force ?? false });
  });
}
