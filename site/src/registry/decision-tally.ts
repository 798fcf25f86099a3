import type { SiteTally } from '../../../api/site/site-snapshot.ts';
import { OUTCOME, optionText, outcomeText, percent } from './decision-labels.ts';

/**
 * What the tally panel of a decision page says, from a tally as the snapshot has it or as
 * `GET /api/v1/proposals/{id}/tally` answers (which adds `at`). Shared by the build
 * (components/decisions/TallyPanel.astro) and the live script (scripts/decision-live.ts), so a
 * refreshed panel reads exactly like a built one. Pure.
 */

export type LiveTally = SiteTally;

export type Tone = 'pass' | 'fail' | 'neutral';

export type TallyCheck = { key: 'quorum' | 'threshold' | 'minimum-approvals'; label: string; met: boolean; status: string; text: string };

/** A bar from 0 to 1 with the share needed marked on it. */
export type TallyBar = { key: 'turnout' | 'approval'; share: number | null; required: number; label: string };

export type CountedRow = { organizationId: string; option: string; via: 'own' | 'delegation' | 'secret'; delegatedTo: string | null };

export type TallyPanelModel = {
  verdict: { text: string; tone: Tone };
  turnout: string;
  bars: TallyBar[];
  checks: TallyCheck[];
  /** Binding and advisory counts; null while a secret vote is open. */
  counts: { binding: Record<'approve' | 'reject' | 'abstain', number>; advisory: Record<'approve' | 'reject' | 'abstain', number> } | null;
  counted: CountedRow[];
  notVoted: string[];
  explanation: string[];
};

/** `rules.quorum` marks the turnout bar of a secret vote, whose tally does not repeat it. */
export function tallyPanel(tally: LiveTally, rules: { quorum: number }): TallyPanelModel {
  if (tally.secret) {
    const share = tally.electorateSize === 0 ? 0 : tally.voted.length / tally.electorateSize;
    return {
      verdict: { text: `Ballots are secret until the vote closes; ${tally.voted.length} of ${tally.electorateSize} have voted.`, tone: 'neutral' },
      turnout: turnoutText(tally.voted.length, tally.electorateSize, true),
      bars: [{ key: 'turnout', share, required: rules.quorum, label: `Turnout ${percent(share)}, quorum ${percent(rules.quorum)}` }],
      checks: [],
      counts: null,
      counted: tally.voted.map((organizationId) => ({ organizationId, option: 'secret until the close', via: 'secret', delegatedTo: null })),
      notVoted: tally.notVoted,
      explanation: tally.explanation,
    };
  }
  const isOpen = tally.state === 'open';
  const voted = tally.counted.length;
  const turnout = turnoutText(voted, tally.electorateSize, isOpen);
  return {
    verdict: verdictOf(tally),
    // A withdrawn vote has no outcome from its count; the count is shown as it stood then.
    turnout: tally.final === 'withdrawn' ? `${turnout} before it was withdrawn` : turnout,
    bars: [
      { key: 'turnout', share: tally.quorum.share, required: tally.quorum.required, label: `Turnout ${percent(tally.quorum.share)}, quorum ${percent(tally.quorum.required)}` },
      {
        key: 'approval',
        share: tally.threshold.share,
        required: tally.threshold.required,
        label: tally.threshold.share === null ? `No approve or reject yet, threshold ${percent(tally.threshold.required)}` : `Approval ${percent(tally.threshold.share)}, threshold ${percent(tally.threshold.required)}`,
      },
    ],
    checks: [
      {
        key: 'quorum',
        label: 'Quorum',
        met: tally.quorum.reached,
        status: tally.quorum.reached ? '✓ reached' : '✗ not reached',
        text: `${percent(tally.quorum.share)} of the binding electorate voted; ${percent(tally.quorum.required)} needed (abstentions count)`,
      },
      {
        key: 'threshold',
        label: 'Threshold',
        met: tally.threshold.reached,
        status: tally.threshold.reached ? '✓ met' : '✗ not met',
        text:
          tally.threshold.share === null
            ? `no approve or reject yet; ${percent(tally.threshold.required)} of approve ÷ (approve + reject) needed`
            : `${percent(tally.threshold.share)} approve ÷ (approve + reject); ${percent(tally.threshold.required)} needed`,
      },
      {
        key: 'minimum-approvals',
        label: 'Minimum approvals',
        met: tally.minimumApprovals.reached,
        status: tally.minimumApprovals.reached ? '✓ met' : '✗ not met',
        text: `${tally.counts.approve} binding ${tally.counts.approve === 1 ? 'approval' : 'approvals'}; at least ${tally.minimumApprovals.required} needed`,
      },
    ],
    counts: { binding: tally.counts, advisory: tally.advisory },
    counted: tally.counted.map((vote) => ({ organizationId: vote.organizationId, option: optionText(vote.option), via: vote.via, delegatedTo: vote.delegatedTo ?? null })),
    notVoted: tally.notVoted,
    explanation: tally.explanation,
  };
}

function verdictOf(tally: Extract<LiveTally, { secret: false }>): TallyPanelModel['verdict'] {
  if (tally.state === 'closed') {
    const outcome = tally.final ?? tally.outcome;
    return { text: `${outcomeText(outcome)}. ${OUTCOME[outcome].meaning}`, tone: outcome === 'passed' ? 'pass' : outcome === 'withdrawn' || outcome === 'superseded' ? 'neutral' : 'fail' };
  }
  const settled = tally.decided ? ' The organisations that have not voted can no longer change that.' : '';
  return tally.wouldPass
    ? { text: `✓ It would pass if closed now.${settled}`, tone: 'pass' }
    : { text: `✗ It would not pass if closed now: ${OUTCOME[tally.outcome].label.toLowerCase()}.${settled}`, tone: 'fail' };
}

function turnoutText(voted: number, size: number, isOpen: boolean): string {
  return `${voted} of ${size} binding ${size === 1 ? 'organisation' : 'organisations'} ${isOpen ? 'have voted' : 'voted'}`;
}

/** "8 of 16" and whether it would pass, for the decisions index. */
export function indexStanding(tally: LiveTally): { turnout: string; standing: string; tone: Tone } {
  if (tally.secret) return { turnout: `${tally.voted.length} of ${tally.electorateSize}`, standing: 'secret until the close', tone: 'neutral' };
  const turnout = `${tally.counted.length} of ${tally.electorateSize}`;
  if (tally.wouldPass) return { turnout, standing: `✓ would pass${tally.decided ? ' (settled)' : ''}`, tone: 'pass' };
  return { turnout, standing: `✗ would not pass: ${OUTCOME[tally.outcome].label.toLowerCase()}${tally.decided ? ' (settled)' : ''}`, tone: 'fail' };
}
