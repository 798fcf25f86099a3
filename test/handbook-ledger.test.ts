import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../api/domain/ledger/canonical-json.ts';
import { GENESIS_HASH, hashLedgerEntry } from '../api/domain/ledger/chain.ts';
import { runCli } from '../api/cli.ts';

// Issue 15: the handbook writes out the ledger's hash formula with a worked example. The example is
// recomputed here with the hub's own code, and the page's shell commands are run as written, so the
// page cannot describe a formula the hub does not use.
const page = readFileSync(new URL('../content/docs/handbook/verify-the-ledger.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((match) => ({ lang: match[1], text: match[2]!.trim() }));
const run = promisify(execFile);

describe('the handbook page on checking the record', () => {
  const entry = JSON.parse(blocks.find((block) => block.lang === 'json')!.text);
  const statedHash = /the hash `([0-9a-f]{64})`/.exec(page)![1]!;

  it('states the hash the hub computes for its example entry, and its canonical JSON', () => {
    const { prevHash: _prev, hash: _hash, ...body } = entry;
    expect(hashLedgerEntry(GENESIS_HASH, body)).toBe(statedHash);
    const canonical = blocks.filter((block) => block.lang === '').map((block) => block.text);
    expect(canonical).toContain(canonicalJson({ actor: entry.actor, at: entry.at, data: entry.data, seq: entry.seq, subject: entry.subject, type: entry.type }));
  });

  it('gives shell commands that compute the same hash', async () => {
    const script = blocks.find((block) => block.lang === 'sh')!.text;
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script]);
    expect(stdout.split(/\s+/)[0]).toBe(statedHash);
  });

  it('names CLI commands that exist', async () => {
    const lines: string[] = [];
    expect(await runCli(['no-such-command'], { DATABASE_URL: ':memory:' }, { out: (line) => lines.push(line), err: (line) => lines.push(line) })).toBe(2);
    const usage = lines.join('\n');
    for (const command of page.matchAll(/npm run agora -- ((?:ledger|tally) \w+)/g)) expect(usage, command[1]).toMatch(new RegExp(`^  ${command[1]} `, 'm'));
    expect(page).toContain('npm run agora -- ledger export');
  });
});
