import type { BallotOption } from '../../../api/domain/decisions/policy.ts';
import type { BallotChannel, Outcome } from '../../../api/domain/decisions/vocabulary.ts';

/**
 * Words for the decision vocabularies (api/domain/decisions/). `Record<Union, …>` makes the build
 * fail when a value is added there without a label here. Every status carries a mark and a word,
 * so it reads without colour. Pure: the live script (scripts/decision-live.ts) uses it too.
 */

type Variant = 'note' | 'danger' | 'success' | 'caution' | 'tip' | 'default';

export const OUTCOME: Record<Outcome, { label: string; mark: string; variant: Variant; meaning: string }> = {
  passed: { label: 'Passed', mark: '✓', variant: 'success', meaning: 'Quorum, threshold and minimum approvals were met and no concern was open.' },
  rejected: { label: 'Rejected', mark: '✗', variant: 'danger', meaning: 'Quorum was reached but the threshold or the minimum approvals were not.' },
  no_quorum: { label: 'No quorum', mark: '∅', variant: 'caution', meaning: 'Too few binding organisations voted.' },
  blocked: { label: 'Blocked', mark: '⊘', variant: 'danger', meaning: 'It would have passed, but a concern was still open at the close.' },
  withdrawn: { label: 'Withdrawn', mark: '↩', variant: 'default', meaning: 'Its proposer or the secretariat withdrew it before the close.' },
  superseded: { label: 'Superseded', mark: '⤳', variant: 'default', meaning: 'A later decision replaced it.' },
};

export const OPTION: Record<BallotOption, { label: string; mark: string }> = {
  approve: { label: 'Approve', mark: '+1' },
  abstain: { label: 'Abstain', mark: '0' },
  reject: { label: 'Reject', mark: '−1' },
};

export const CHANNEL: Record<BallotChannel, string> = {
  api: 'API',
  discord: 'Discord',
  github: 'GitHub',
  web: 'web',
};

/** "✓ Passed": the outcome in words, with a mark that repeats it. */
export function outcomeText(outcome: Outcome): string {
  return `${OUTCOME[outcome].mark} ${OUTCOME[outcome].label}`;
}

/** "+1 Approve". */
export function optionText(option: BallotOption): string {
  return `${OPTION[option].mark} ${OPTION[option].label}`;
}

/** A share of 0–1 as the tally's explanations write it: 0.4375 → "43.8%", 0.5 → "50%". */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** 72 → "72 hours (3 days)", 336 → "336 hours (14 days)", 30 → "30 hours". */
export function formatHours(hours: number): string {
  const days = hours / 24;
  return Number.isInteger(days) && days >= 1 ? `${hours} hours (${days} ${days === 1 ? 'day' : 'days'})` : `${hours} hours`;
}

/** "member:delegate-csc" → "delegate-csc"; "system:clock" → "the hub's clock"; others as recorded. */
export function actorText(actor: string): string {
  if (actor.startsWith('member:')) return actor.slice('member:'.length);
  if (actor === 'system:clock') return "the hub's clock";
  if (actor.startsWith('system:')) return `the hub (${actor.slice('system:'.length)})`;
  if (actor.startsWith('token:')) return `API token ${actor.slice('token:'.length)}`;
  return actor;
}
