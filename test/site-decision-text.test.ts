import { describe, expect, it } from 'vitest';
import { describeTimeline } from '../site/src/registry/decision-timeline.ts';
import { formatHours, percent } from '../site/src/registry/decision-labels.ts';
import { indexStanding, tallyPanel, type LiveTally } from '../site/src/registry/decision-tally.ts';

// The wording the decision pages and their live script share, from plain data.

const empty: LiveTally = {
  proposalId: 'p',
  state: 'open',
  secret: false,
  final: null,
  counts: { approve: 0, reject: 0, abstain: 0 },
  advisory: { approve: 0, reject: 0, abstain: 0 },
  electorateSize: 3,
  counted: [],
  notVoted: ['a', 'b', 'c'],
  quorum: { required: 0.5, share: 0, reached: false },
  threshold: { required: 0.66, share: null, reached: false },
  minimumApprovals: { required: 1, reached: false },
  blockedBy: [],
  outcome: 'no_quorum',
  wouldPass: false,
  decided: false,
  explanation: ['0 of 3 binding organisations voted.'],
};

describe('the tally panel', () => {
  it('reads right before anyone has voted', () => {
    const panel = tallyPanel(empty, { quorum: 0.5 });
    expect(panel.verdict).toEqual({ text: '✗ It would not pass if closed now: no quorum.', tone: 'fail' });
    expect(panel.turnout).toBe('0 of 3 binding organisations have voted');
    expect(panel.checks.map((check) => `${check.label}: ${check.status}: ${check.text}`)).toEqual([
      'Quorum: ✗ not reached: 0% of the binding electorate voted; 50% needed (abstentions count)',
      'Threshold: ✗ not met: no approve or reject yet; 66% of approve ÷ (approve + reject) needed',
      'Minimum approvals: ✗ not met: 0 binding approvals; at least 1 needed',
    ]);
    expect(panel.bars.map((bar) => bar.label)).toEqual(['Turnout 0%, quorum 50%', 'No approve or reject yet, threshold 66%']);
    expect(indexStanding(empty)).toEqual({ turnout: '0 of 3', standing: '✗ would not pass: no quorum', tone: 'fail' });
  });

  it('says when the outcome is settled, and what a closed vote’s outcome means', () => {
    const settled: LiveTally = { ...empty, outcome: 'passed', wouldPass: true, decided: true, counted: [{ organizationId: 'a', option: 'approve', ballotId: 'b1', via: 'own' }] };
    expect(tallyPanel(settled, { quorum: 0.5 }).verdict.text).toBe('✓ It would pass if closed now. The organisations that have not voted can no longer change that.');
    expect(indexStanding(settled).standing).toBe('✓ would pass (settled)');
    const closed: LiveTally = { ...empty, state: 'closed', final: 'no_quorum' };
    expect(tallyPanel(closed, { quorum: 0.5 })).toMatchObject({ verdict: { text: '∅ No quorum. Too few binding organisations voted.', tone: 'fail' }, turnout: '0 of 3 binding organisations voted' });
  });

  it('shows a secret vote’s turnout only', () => {
    const secret: LiveTally = { proposalId: 'p', state: 'open', secret: true, electorateSize: 4, voted: ['a'], notVoted: ['b', 'c', 'd'], explanation: ['1 of 4 binding organisations voted.'] };
    const panel = tallyPanel(secret, { quorum: 0.5 });
    expect(panel).toMatchObject({ counts: null, checks: [], counted: [{ organizationId: 'a', option: 'secret until the close', via: 'secret' }] });
    expect(panel.bars).toEqual([{ key: 'turnout', share: 0.25, required: 0.5, label: 'Turnout 25%, quorum 50%' }]);
  });
});

describe('the timeline', () => {
  const entry = (type: string, data: Record<string, unknown>, actor = 'member:m1') => ({ seq: 1, at: '2026-11-01T00:00:00.000Z', actor, type, data, hash: 'h' });
  const lines = (entries: ReturnType<typeof entry>[]) => describeTimeline(entries, [{ id: 'c1', proposalId: 'p', title: 'Licence', body: null, memberId: 'm1', organizationId: 'a', raisedAt: '', resolvedAt: null, resolvedBy: null, resolution: null }], (id) => id.toUpperCase()).map((line) => line.text);

  it('says each act in a sentence, naming organisations and concerns', () => {
    expect(
      lines([
        entry('ballot.cast', { organizationId: 'a', binding: false, channel: 'discord', option: 'abstain' }),
        entry('ballot.cast', { organizationId: 'b', binding: true, channel: 'web', commitment: 'ff' }),
        entry('concern.resolved', { concernId: 'c1', memberId: 'm2' }),
        entry('proposal.subject_changed', { changes: { checkpointDigest: { from: 'sha256:1', to: null } }, invalidatedBallots: ['x'] }, 'system:clock'),
        entry('proposal.electorate_refreshed', { added: ['c'], removed: [] }, 'member:sec'),
        entry('proposal.closed', { outcome: 'passed', reason: 'early', closedAt: '2026-11-01T00:00:00.000Z', counts: { approve: 3, reject: 0, abstain: 1 } }, 'system:clock'),
        entry('proposal.something_new', {}, 'system:clock'),
      ]),
    ).toEqual([
      'A cast an advisory ballot through Discord: 0 Abstain.',
      'B cast a binding ballot through web (secret; its commitment is recorded).',
      'The concern “Licence” was resolved by m2.',
      'The subject changed: the checkpoint was withdrawn; 1 ballot was invalidated and must be cast again.',
      'The electorate was refreshed by sec; added C.',
      'Closed early, once no remaining ballot could change the outcome: ✓ passed (3 approve, 0 reject, 1 abstain).',
      "proposal.something_new (by the hub's clock).",
    ]);
  });
});

describe('rule wording', () => {
  it('writes shares and durations as the policies do', () => {
    expect([percent(0.5), percent(0.66), percent(0.4375)]).toEqual(['50%', '66%', '43.8%']);
    expect([formatHours(72), formatHours(24), formatHours(30)]).toEqual(['72 hours (3 days)', '24 hours (1 day)', '30 hours']);
  });
});
