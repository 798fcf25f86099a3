import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WebhookBench } from './webhook-bench.ts';

/**
 * `npm run bench:compare -- DIR`: this checkout's `npm run bench` against a baseline checkout's (an
 * issue names the commit: `git worktree add DIR <commit>`), run in turns — baseline, current,
 * current, baseline, … — so that a drift of the machine's speed falls on both alike. Prints each
 * figure's median for both and their ratio; writes bench/results/compare-latest.json.
 * The baseline runs on this checkout's node_modules when it has none of its own (linked).
 */
const ROOT = new URL('..', import.meta.url).pathname;
const baseline = process.argv[2] ?? process.env.BENCH_BASELINE;
if (!baseline) {
  console.error('usage: npm run bench:compare -- BASELINE-DIR   (a checkout of the baseline commit: git worktree add ../agora-baseline <commit>)');
  process.exit(2);
}
const baselineDir = resolve(baseline);
if (!existsSync(join(baselineDir, 'bench', 'run.ts'))) {
  console.error(`${baselineDir} has no bench/run.ts: expected a checkout of this project`);
  process.exit(2);
}
if (!existsSync(join(baselineDir, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(baselineDir, 'node_modules'));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

/** The figures compared, read from a run's latest.json; `higher` says which way is better. */
const FIGURES = {
  'report ingestion /s': { read: (r: Run) => r.results.reportIngestion.requestsPerSecond, higher: true },
  'GET models, share of hello-world': { read: (r: Run) => r.results.listModels.ratio, higher: true },
  'GET training-run, share of hello-world': { read: (r: Run) => r.results.getTrainingRun.ratio, higher: true },
  'ballot casting /s': { read: (r: Run) => r.results.ballotCasting.requestsPerSecond, higher: true },
  'ballots, share of raw inserts': { read: (r: Run) => r.ballotCasting.ratioToRawInsert, higher: true },
  'tally of 100k ballots ms': { read: (r: Run) => r.tally.tallyMs, higher: false },
  // A baseline from before bench/webhook-bench.ts has none of these: NaN, shown as such.
  'webhooks applied /s': { read: (r: Run) => r.webhooks?.endToEnd.appliedPerSecond ?? NaN, higher: true },
  'webhooks accepted, share of hello-world': { read: (r: Run) => r.webhooks?.acceptance.ratio ?? NaN, higher: true },
  'webhook answer p99 under load ms': { read: (r: Run) => r.webhooks?.acceptance.answerLatencyMs.p99 ?? NaN, higher: false },
} as const;
type Run = {
  results: Record<'reportIngestion' | 'ballotCasting', { requestsPerSecond: number; non2xx: number }> &
    Record<'listModels' | 'getTrainingRun', { ratio: number; non2xx: number }>;
  ballotCasting: { ratioToRawInsert: number };
  tally: { tallyMs: number };
  webhooks?: Pick<WebhookBench, 'endToEnd' | 'acceptance'>;
};

function runBench(dir: string): Run {
  const finished = spawnSync(process.execPath, ['bench/run.ts'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (finished.status !== 0) throw new Error(`npm run bench failed in ${dir} (exit ${finished.status})`);
  return JSON.parse(readFileSync(join(dir, 'bench', 'results', 'latest.json'), 'utf8')) as Run;
}

const runs = { baseline: [] as Run[], current: [] as Run[] };
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? (['baseline', 'current'] as const) : (['current', 'baseline'] as const);
  for (const which of order) {
    console.log(`\n— round ${round + 1}, ${which} (${which === 'baseline' ? baselineDir : ROOT})`);
    runs[which].push(runBench(which === 'baseline' ? baselineDir : ROOT));
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const rows = Object.entries(FIGURES).map(([name, figure]) => {
  const base = runs.baseline.map(figure.read);
  const current = runs.current.map(figure.read);
  const ratio = median(current) / median(base);
  return { name, baseline: base, current, ratio: Math.round(ratio * 1000) / 1000, better: figure.higher ? ratio >= 1 : ratio <= 1 };
});
const non2xx = [...runs.baseline, ...runs.current].some((run) => Object.values(run.results).some((result) => result.non2xx > 0));

console.log(`\nbaseline ${baselineDir}, ${ROUNDS} rounds in turns; medians, current ÷ baseline`);
for (const row of rows)
  console.log(`${row.name.padEnd(40)} ${fmt(median(row.baseline)).padStart(9)} → ${fmt(median(row.current)).padEnd(9)} ${row.ratio.toFixed(3)}×  (${row.current.join(', ')} vs ${row.baseline.join(', ')})`);
if (non2xx) console.log('some loads had non-2xx answers: see the runs above');
const resultsDir = join(ROOT, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'compare-latest.json'), `${JSON.stringify({ at: new Date().toISOString(), baseline: baselineDir, rounds: ROUNDS, rows }, null, 2)}\n`);

function fmt(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
