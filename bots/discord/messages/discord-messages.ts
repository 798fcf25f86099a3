import type { DecisionFacts } from './decision-facts.ts';

/** The Discord channel of the outbox. */
export const DISCORD_CHANNEL = 'discord';

/** Said in a decision's thread. */
export type ThreadNote =
  | { kind: 'reminder'; title: string; closesAt: string; organizations: string[]; mentions: string[] }
  | { kind: 'ended'; title: string; outcome: string }
  | { kind: 'subjectChanged'; changes: string[]; mentions: string[] };

/** Said in the announcements channel. */
export type Announcement =
  | { kind: 'runStarted' | 'runCompleted'; run: string; model: string; system: string }
  | { kind: 'runFailed' | 'checkpoint'; run: string; model: string; step: number }
  | { kind: 'requestFiled'; type: string; id: string };

/**
 * What the Discord channel sends, as data: words are chosen when it is sent, in the server's
 * language. `decision` is one message per decision, edited as the tally moves.
 */
export type DiscordMessage =
  | { op: 'decision'; channelId: string; facts: DecisionFacts }
  | { op: 'thread'; proposalId: string; note: ThreadNote }
  | { op: 'announce'; channelId: string; note: Announcement };

export const decisionKey = (proposalId: string) => `decision:${proposalId}`;
