import { createClient } from '@libsql/client';
import { computeTally, type TallyBallot, type TallyInput } from '../api/domain/decisions/tally.ts';
import { migrateDatabase, openDatabase } from '../db/index.ts';
import { systemActor } from '../api/services/context.ts';
import { openProposal } from '../api/services/decisions/proposals.ts';
import { seedDemoDecisions } from '../api/services/demo/seed-demo-decisions.ts';
import { createToken } from '../api/services/tokens.ts';
import { tables } from '../db/index.ts';

const OPTIONS = ['approve', 'reject', 'abstain'] as const;

/** The tally of 100,000 ballots from 1,000 organisations, against a plain counting loop over them. */
export function benchTally(ballotCount = 100_000, rounds = 20) {
  const organizations = Array.from({ length: 1000 }, (_, index) => `org-${index}`);
  const ballots: TallyBallot[] = Array.from({ length: ballotCount }, (_, index) => ({
    id: `ballot-${index}`,
    organizationId: organizations[(index * 7919) % organizations.length]!,
    option: OPTIONS[index % 3]!,
    binding: true,
    seq: index + 1,
    invalidated: index % 97 === 0,
  }));
  const input: TallyInput = {
    rules: { quorum: 0.5, threshold: 0.66, minimum_approvals: 3, concerns: { enabled: true } },
    electorate: { binding: organizations, advisory: [] },
    ballots,
    delegations: organizations.slice(0, 100).map((from, index) => ({ from, to: organizations[index + 100]!, validFrom: '2026-01-01T00:00:00Z', validUntil: null, revokedAt: null })),
    openConcerns: [],
    at: '2026-11-25T00:00:00Z',
  };
  const time = (work: () => void) => {
    for (let i = 0; i < 3; i++) work();
    const started = performance.now();
    for (let i = 0; i < rounds; i++) work();
    return (performance.now() - started) / rounds;
  };
  const tallyMs = time(() => computeTally(input));
  const loopMs = time(() => {
    const counts = { approve: 0, reject: 0, abstain: 0 };
    for (const ballot of ballots) counts[ballot.option] += 1;
  });
  return { ballots: ballotCount, tallyMs: round(tallyMs), baselineLoopMs: round(loopMs), ratio: round(tallyMs / loopMs) };
}

/** An open vote with demo delegates of every binding organisation, each with a personal token. */
export async function prepareBallotBench(url: string): Promise<{ proposalId: string; tokens: string[] }> {
  const database = await openDatabase({ url });
  await migrateDatabase(database);
  const services = { database, clock: () => new Date() };
  await seedDemoDecisions(services);
  const members = await database.db.select({ id: tables.members.id }).from(tables.members);
  const tokens: string[] = [];
  for (const member of members)
    tokens.push((await createToken(services, { actor: systemActor('bench'), input: { name: `bench ${member.id}`, scopes: ['write'], memberId: member.id } })).secret);
  const proposal = await openProposal(services, {
    actor: systemActor('bench'),
    input: { id: 'bench-vote', kind: 'dataset_inclusion', title: 'Benchmark vote', subject: { type: 'dataset', datasetId: 'hplt-3.0' } },
  });
  database.close();
  return { proposalId: proposal.id, tokens };
}

/** The baseline for casting: the same number of rows inserted one by one with a raw libSQL client. */
export async function rawInsertBaseline(url: string, rows: number) {
  const client = createClient({ url });
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute(
    'CREATE TABLE IF NOT EXISTS raw_ballots (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, proposal_id TEXT, member_id TEXT, organization_id TEXT, option TEXT, binding INTEGER, channel TEXT, cast_at TEXT)',
  );
  const started = performance.now();
  for (let i = 0; i < rows; i++)
    await client.execute({
      sql: 'INSERT INTO raw_ballots (id, proposal_id, member_id, organization_id, option, binding, channel, cast_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      args: [`raw-${i}`, 'bench-vote', `member-${i % 16}`, `org-${i % 16}`, OPTIONS[i % 3]!, 1, 'api', new Date().toISOString()],
    });
  const seconds = (performance.now() - started) / 1000;
  client.close();
  return { rows, rowsPerSecond: Math.round(rows / seconds) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
