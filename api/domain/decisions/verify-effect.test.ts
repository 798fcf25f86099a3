import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../ledger/chain.ts';
import { verifyTallyFromLedger } from './verify-tally.ts';

// `tally verify` checks the effect the ledger records for an ended vote against what its kind and
// outcome give (effectOf), on the subject as pinned at the end.

let seq = 0;
const entry = (type: string, data: unknown): LedgerEntry => ({ seq: ++seq, at: '2026-11-25T09:00:00.000Z', actor: 'system:test', type, subject: 'proposal:p1', data, prevHash: '', hash: '' });
const RULES = { quorum: 0.5, threshold: 0.5, minimum_approvals: 1, concerns: { enabled: false } };
const opened = (kind: string, subject: unknown) => entry('proposal.opened', { kind, subject, rules: RULES, electorate: { binding: ['a', 'b'], advisory: [] } });
const ballot = (organizationId: string, option: string) => entry('ballot.cast', { ballotId: `b-${organizationId}`, organizationId, option, binding: true });
const closed = (outcome: string, counts: unknown) => entry('proposal.closed', { outcome, closedAt: '2026-11-30T09:00:00.000Z', counts });

describe('verifying the effect of a vote from the ledger', () => {
  const release = { type: 'model_release', modelId: 'm', checkpointDigest: 'sha256:aa', cardRevision: 'r1' };
  const passedRelease = () => [opened('release', release), ballot('a', 'approve'), ballot('b', 'approve'), closed('passed', { approve: 2, reject: 0, abstain: 0 })];

  it('accepts the effect its kind and outcome give, with what the vote pinned', () => {
    const result = verifyTallyFromLedger('p1', [...passedRelease(), entry('decision.effect', { outcome: 'passed', effect: 'released', on: 'model:m', details: { checkpointDigest: 'sha256:aa', cardRevision: 'r1' } })], []);
    expect(result).toMatchObject({ matches: true, problems: [], effect: { recorded: 'released', expected: 'released' } });
  });

  it('reports an effect that is not what the outcome gives, on another subject, or with other pins', () => {
    const wrong = verifyTallyFromLedger('p1', [...passedRelease(), entry('decision.effect', { outcome: 'passed', effect: 'unchanged', on: 'model:other', details: { checkpointDigest: 'sha256:bb' } })], []);
    expect(wrong.matches).toBe(false);
    expect(wrong.problems.join(' ')).toContain('"unchanged" but a release vote that ended passed has "released"');
    expect(wrong.problems.join(' ')).toContain('applied to model:other');
    expect(wrong.problems.join(' ')).toContain('checkpointDigest "sha256:bb"');
  });

  it('follows a re-pinned card, and checks a withdrawal, which changes nothing', () => {
    const repinned = [opened('release', release), entry('proposal.subject_changed', { changes: { cardRevision: { from: 'r1', to: 'r2' } }, invalidatedBallots: [] }), ballot('a', 'approve'), ballot('b', 'approve'), closed('passed', { approve: 2, reject: 0, abstain: 0 })];
    expect(verifyTallyFromLedger('p1', [...repinned, entry('decision.effect', { outcome: 'passed', effect: 'released', on: 'model:m', details: { checkpointDigest: 'sha256:aa', cardRevision: 'r2' } })], []).matches).toBe(true);
    const withdrawn = [opened('policy_change', { type: 'policy', reference: 'x' }), entry('proposal.withdrawn', { closedAt: '2026-11-26T09:00:00.000Z' })];
    expect(verifyTallyFromLedger('p1', [...withdrawn, entry('decision.effect', { outcome: 'withdrawn', effect: 'unchanged', on: 'policy:x', details: { because: 'withdrawn' } })], [])).toMatchObject({ matches: true, effect: { recorded: 'unchanged' } });
    expect(verifyTallyFromLedger('p1', [...withdrawn, entry('decision.effect', { outcome: 'withdrawn', effect: 'recorded', on: 'policy:x', details: {} })], []).matches).toBe(false);
  });

  it('takes a vote that ended before effects were recorded as it is', () => {
    expect(verifyTallyFromLedger('p1', passedRelease(), [])).toMatchObject({ matches: true, effect: { recorded: null, expected: 'released' } });
  });
});
