import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { chainLedgerEntry, GENESIS_HASH, hashLedgerEntry, verifyChain, type LedgerEntry } from './chain.ts';

function buildChain(length: number): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (let i = 0; i < length; i++)
    entries.push(
      chainLedgerEntry(entries.at(-1) ?? null, {
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        actor: 'system:test',
        type: 'thing.happened',
        subject: `thing:${i}`,
        data: { index: i, nested: { b: 2, a: 1 } },
      }),
    );
  return entries;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: null }], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[1,{"x":null,"z":1}]},"b":1}',
    );
  });

  it('writes dates as JSON does, undefined array items as null, and empty containers', () => {
    expect(canonicalJson({ when: new Date('2026-12-01T10:00:00Z'), list: [undefined, 2], none: {}, nothing: [], only: { gone: undefined } })).toBe(
      '{"list":[null,2],"none":{},"nothing":[],"only":{},"when":"2026-12-01T10:00:00.000Z"}',
    );
  });

  it('refuses what JSON cannot represent', () => {
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
  });
});

describe('hashLedgerEntry', () => {
  it.each([
    { seq: 1, at: '2026-12-01T10:00:00.000Z', actor: 'system:sync', type: 'organization.created', subject: 'organization:tu-wien', data: { b: [1, { z: null }], a: 'é "quoted"' } },
    { seq: 42, at: '2026-12-01T10:00:00.000Z', actor: 'member:m\u00e9', type: 'ballot.cast', subject: 'proposal:p', data: {} },
    { seq: 7, at: 'x', actor: 'a', type: 't', subject: 's', data: undefined },
  ])('is sha256 of the previous hash and the canonical JSON of the rest (entry %#)', (body) => {
    const prevHash = 'ab'.repeat(32);
    const expected = createHash('sha256').update(prevHash + canonicalJson(body)).digest('hex');
    expect(hashLedgerEntry(prevHash, body)).toBe(expected);
  });
});

describe('ledger chain', () => {
  it('starts at the genesis hash and links each entry to the previous one', () => {
    const chain = buildChain(3);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(verifyChain(chain)).toEqual({ ok: true, checked: 3, head: { seq: 3, hash: chain[2]!.hash } });
  });

  it.each([
    ['data', (entry: LedgerEntry) => ({ ...entry, data: { index: 99 } }), 'hash_mismatch'],
    ['actor', (entry: LedgerEntry) => ({ ...entry, actor: 'system:other' }), 'hash_mismatch'],
    ['prev hash', (entry: LedgerEntry) => ({ ...entry, prevHash: GENESIS_HASH }), 'prev_hash_mismatch'],
    ['seq', (entry: LedgerEntry) => ({ ...entry, seq: 7 }), 'seq_gap'],
  ] as const)('names the first entry whose %s was altered', (_field, alter, problem) => {
    const chain = buildChain(5);
    chain[2] = alter(chain[2]!);
    const check = verifyChain(chain);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.firstBad.problem).toBe(problem);
    expect(check.firstBad.seq).toBe(chain[2]!.seq);
    expect(check.checked).toBe(2);
  });

  it('detects a deleted entry', () => {
    const chain = buildChain(4);
    chain.splice(1, 1);
    const check = verifyChain(chain);
    expect(check).toMatchObject({ ok: false, firstBad: { seq: 3, problem: 'seq_gap' } });
  });

  it('accepts an empty ledger', () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0, head: null });
  });
});
