import { describe, expect, it } from 'vitest';
import { computeTally, type TallyBallot, type TallyDelegation, type TallyInput, type TallyRules } from './tally.ts';

/** Apache-style release rules: quorum half, two thirds approve, at least three binding approvals. */
const release: TallyRules = { quorum: 0.5, threshold: 0.66, minimum_approvals: 3, concerns: { enabled: true } };
const six = ['a', 'b', 'c', 'd', 'e', 'f'];

let seq = 0;
function ballot(organizationId: string, option: TallyBallot['option'], extra: Partial<TallyBallot> = {}): TallyBallot {
  seq += 1;
  return { id: `b${seq}`, organizationId, option, binding: true, seq, invalidated: false, ...extra };
}

function tally(ballots: TallyBallot[], extra: Partial<TallyInput> = {}) {
  return computeTally({
    rules: release,
    electorate: { binding: six, advisory: ['x', 'y'] },
    ballots,
    delegations: [],
    openConcerns: [],
    at: '2026-11-25T12:00:00Z',
    ...extra,
  });
}

const delegation = (from: string, to: string, extra: Partial<TallyDelegation> = {}): TallyDelegation => ({
  from,
  to,
  validFrom: '2026-11-01T00:00:00Z',
  validUntil: null,
  revokedAt: null,
  ...extra,
});

describe('computeTally', () => {
  it('passes with exactly three binding approvals', () => {
    const result = tally([ballot('a', 'approve'), ballot('b', 'approve'), ballot('c', 'approve')]);
    expect(result).toMatchObject({ counts: { approve: 3, reject: 0, abstain: 0 }, outcome: 'passed', wouldPass: true });
  });

  it('does not pass with two approvals, whatever the shares', () => {
    const result = tally([ballot('a', 'approve'), ballot('b', 'approve'), ballot('c', 'abstain')]);
    expect(result).toMatchObject({ outcome: 'rejected', minimumApprovals: { required: 3, reached: false }, quorum: { reached: true } });
  });

  it('counts abstentions for quorum only', () => {
    const abstaining = tally([ballot('a', 'approve'), ballot('b', 'approve'), ballot('c', 'approve'), ballot('d', 'abstain'), ballot('e', 'abstain')]);
    expect(abstaining.quorum.share).toBeCloseTo(5 / 6);
    expect(abstaining.threshold.share).toBe(1);
    const short = tally([ballot('a', 'abstain'), ballot('b', 'abstain')]);
    expect(short).toMatchObject({ outcome: 'no_quorum', threshold: { share: null, reached: false } });
  });

  it('fails on a tie (approve ÷ decisive = 50%, two thirds needed)', () => {
    const result = tally([ballot('a', 'approve'), ballot('b', 'approve'), ballot('c', 'approve'), ballot('d', 'reject'), ballot('e', 'reject'), ballot('f', 'reject')]);
    expect(result).toMatchObject({ outcome: 'rejected', threshold: { share: 0.5, reached: false }, decided: true });
  });

  it('counts the latest of a ballot changed three times, keeping one vote per organisation', () => {
    const result = tally([ballot('a', 'approve'), ballot('a', 'reject'), ballot('a', 'abstain'), ballot('a', 'approve'), ballot('b', 'approve'), ballot('c', 'approve')]);
    expect(result.counts).toEqual({ approve: 3, reject: 0, abstain: 0 });
    expect(result.counted.find((vote) => vote.organizationId === 'a')!.ballotId).toBe(`b${seq - 2}`);
  });

  it('counts two delegates of one organisation once, the later ballot winning', () => {
    const result = tally([ballot('a', 'approve'), ballot('a', 'reject')]);
    expect(result.counts).toEqual({ approve: 0, reject: 1, abstain: 0 });
  });

  it('lets an organisation vote through its delegate, and its own ballot override the delegate', () => {
    const delegations = [delegation('d', 'a'), delegation('e', 'a')];
    const through = tally([ballot('a', 'approve'), ballot('b', 'approve')], { delegations });
    expect(through.counts.approve).toBe(4);
    expect(through.counted.filter((vote) => vote.via === 'delegation').map((vote) => vote.organizationId)).toEqual(['d', 'e']);
    const overridden = tally([ballot('a', 'approve'), ballot('b', 'approve'), ballot('d', 'reject')], { delegations });
    expect(overridden.counts).toEqual({ approve: 3, reject: 1, abstain: 0 });
    expect(overridden.counted.find((vote) => vote.organizationId === 'd')).toMatchObject({ via: 'own', option: 'reject' });
  });

  it('ignores expired, future and revoked delegations', () => {
    const result = tally([ballot('a', 'approve')], {
      delegations: [
        delegation('b', 'a', { validUntil: '2026-11-20T00:00:00Z' }),
        delegation('c', 'a', { validFrom: '2026-12-01T00:00:00Z' }),
        delegation('d', 'a', { revokedAt: '2026-11-24T00:00:00Z' }),
      ],
    });
    expect(result.counts.approve).toBe(1);
  });

  it('blocks a passing vote while a concern is open, and names it', () => {
    const concern = { id: 'c1', title: 'Tokenizer licence unclear', organizationId: 'b' };
    const result = tally([ballot('a', 'approve'), ballot('b', 'approve'), ballot('c', 'approve')], { openConcerns: [concern] });
    expect(result).toMatchObject({ outcome: 'blocked', wouldPass: false, blockedBy: [concern], decided: false });
    expect(result.explanation.join(' ')).toContain('Tokenizer licence unclear');
  });

  it('stops counting ballots whose subject changed', () => {
    const result = tally([ballot('a', 'approve', { invalidated: true }), ballot('b', 'approve'), ballot('c', 'approve')]);
    expect(result.counts.approve).toBe(2);
    expect(result.notVoted).toContain('a');
  });

  it('counts a member of an organisation outside the binding electorate as advisory only', () => {
    const result = tally([ballot('x', 'approve', { binding: false }), ballot('new-org', 'approve')]);
    expect(result.counts.approve).toBe(0);
    expect(result.advisory.approve).toBe(1);
  });

  it('knows when the organisations that have not voted can no longer change the outcome', () => {
    const undecided = tally([ballot('a', 'approve'), ballot('b', 'approve'), ballot('c', 'approve')]);
    expect(undecided.decided).toBe(false); // three rejections would sink it
    const decided = tally([ballot('a', 'approve'), ballot('b', 'approve'), ballot('c', 'approve'), ballot('d', 'approve'), ballot('e', 'approve')]);
    expect(decided.decided).toBe(true); // one rejection cannot bring 5/6 below two thirds
    const hopeless = tally([ballot('a', 'reject'), ballot('b', 'reject'), ballot('c', 'reject'), ballot('d', 'reject')]);
    expect(hopeless).toMatchObject({ outcome: 'rejected', decided: true });
  });

  it('explains the result in sentences', () => {
    const result = tally([ballot('a', 'approve')]);
    expect(result.explanation[0]).toBe('1 of 6 binding organisations voted (1 approve, 0 reject, 0 abstain).');
    expect(result.explanation).toContain('It would not pass if closed now (no quorum).');
  });
});
