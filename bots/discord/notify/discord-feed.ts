import { delegateDiscordIds, organizationNames, organizationsOfBallots } from '../../../api/services/discord/discord-members.ts';
import type { ServiceContext } from '../../../api/services/context.ts';
import { loadProposal } from '../../../api/services/decisions/load-proposal.ts';
import type { LedgerEventView } from '../../../api/services/ledger.ts';
import { loadRequest } from '../../../api/services/requests/transition-request.ts';
import { getRun } from '../../../api/services/training-runs.ts';
import type { FeedMapper, QueuedMessage } from '../../notify/feed-consumer.ts';
import { decisionFacts } from '../messages/decision-facts.ts';
import { decisionKey, type Announcement, type DiscordMessage, type ThreadNote } from '../messages/discord-messages.ts';

/** Entries that change what a decision message shows. */
const DECISION_EVENTS = new Set(['proposal.opened', 'ballot.cast', 'concern.raised', 'concern.resolved', 'proposal.subject_changed', 'proposal.electorate_refreshed', 'proposal.closed', 'proposal.withdrawn', 'proposal.superseded']);
/** The entries that end a vote other than by its tally, and the outcome each gives. */
const ENDED_BY_ACT: Record<string, string> = { 'proposal.withdrawn': 'withdrawn', 'proposal.superseded': 'superseded' };

export type DiscordChannels = { decisions: string | null; announcements: string | null };

/**
 * The Discord channel's view of the ledger. Whichever surface cast a ballot (a button, `/vote`, a
 * GitHub comment, the API), the decision's message is queued again with the new tally under the
 * same key: an edit, and ballots arriving together are one edit. Reminders, outcomes and changes
 * of subject go to the decision's thread, each keyed so it is said once; training milestones and
 * new requests to the announcements channel. Demo items are not announced.
 */
export function discordFeed(services: ServiceContext, channels: DiscordChannels): FeedMapper {
  return async (entries: readonly LedgerEventView[]) => {
    const decisions = new Set<string>();
    const notes: QueuedMessage[] = [];
    const thread = (proposalId: string, key: string, note: ThreadNote) =>
      channels.decisions && notes.push({ key, payload: { op: 'thread', proposalId, note } satisfies DiscordMessage });
    const announce = (key: string, note: Announcement) =>
      channels.announcements && notes.push({ key, payload: { op: 'announce', channelId: channels.announcements, note } satisfies DiscordMessage });

    const runs = new Map<string, ReturnType<typeof getRun>>();
    const runOf = (runId: string) => {
      if (!runs.has(runId)) runs.set(runId, getRun(services, runId, { events: 0 }));
      return runs.get(runId)!;
    };
    for (const entry of entries) {
      const [kind, id] = splitSubject(entry.subject);
      const data = (entry.data ?? {}) as Record<string, unknown>;
      if (kind === 'proposal') {
        if (DECISION_EVENTS.has(entry.type)) decisions.add(id);
        if (entry.type === 'proposal.reminder') {
          const notVoted = (data.notVoted as string[] | undefined) ?? [];
          const names = await organizationNames(services, notVoted);
          const proposal = await loadProposal(services.database.db, id);
          thread(id, `reminder:${id}:${String(data.hoursBefore)}`, {
            kind: 'reminder',
            title: proposal.title,
            closesAt: String(data.closesAt ?? proposal.closesAt),
            organizations: notVoted.map((org) => names.get(org) ?? org),
            mentions: await delegateDiscordIds(services, notVoted),
          });
        }
        if (entry.type === 'proposal.closed' || entry.type in ENDED_BY_ACT) {
          const proposal = await loadProposal(services.database.db, id);
          thread(id, `ended:${id}`, { kind: 'ended', title: proposal.title, outcome: ENDED_BY_ACT[entry.type] ?? String(data.outcome ?? proposal.outcome ?? 'rejected') });
        }
        if (entry.type === 'proposal.subject_changed') {
          const organizations = await organizationsOfBallots(services, (data.invalidatedBallots as string[] | undefined) ?? []);
          thread(id, `subject:${id}:${entry.seq}`, { kind: 'subjectChanged', changes: Object.keys((data.changes as object | undefined) ?? {}), mentions: await delegateDiscordIds(services, organizations) });
        }
      }
      if (kind === 'training_run' && entry.type === 'training_run.reported') {
        const reports = (data.reports as { step: number; state?: string }[] | undefined) ?? [];
        const milestones = reports.filter((report) => report.state === 'running' || report.state === 'completed' || report.state === 'failed');
        if (milestones.length === 0) continue;
        const run = await runOf(id);
        if (run.isDemo) continue;
        for (const report of milestones) {
          if (report.state === 'running') announce(`run:${id}:started`, { kind: 'runStarted', run: id, model: run.modelId, system: run.hpcSystem });
          if (report.state === 'completed') announce(`run:${id}:completed`, { kind: 'runCompleted', run: id, model: run.modelId, system: run.hpcSystem });
          if (report.state === 'failed') announce(`run:${id}:failed:${report.step}`, { kind: 'runFailed', run: id, model: run.modelId, step: report.step });
        }
      }
      if (entry.type === 'checkpoint.reported') {
        const run = await runOf(String(data.runId)).catch(() => null);
        if (run && !run.isDemo) announce(`checkpoint:${id}`, { kind: 'checkpoint', run: run.id, model: String(data.modelId), step: Number(data.step) });
      }
      if (entry.type === 'request.filed') {
        const request = await loadRequest(services.database.db, id);
        if (!request.isDemo) announce(`request:${id}`, { kind: 'requestFiled', type: request.type, id });
      }
    }
    const messages: QueuedMessage[] = [];
    if (channels.decisions) for (const proposalId of decisions) messages.push(await decisionMessageOf(services, channels.decisions, proposalId));
    return [...messages, ...notes];
  };
}

/** The decision message as it should read now. */
export async function decisionMessageOf(services: ServiceContext, channelId: string, proposalId: string): Promise<QueuedMessage> {
  return { key: decisionKey(proposalId), payload: { op: 'decision', channelId, facts: await decisionFacts(services, proposalId) } satisfies DiscordMessage };
}

function splitSubject(subject: string): [string, string] {
  const at = subject.indexOf(':');
  return at < 0 ? [subject, ''] : [subject.slice(0, at), subject.slice(at + 1)];
}
