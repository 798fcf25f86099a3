import type { Report } from './fuzz-session.ts';
import type { Tally } from './run-case.ts';
import { TOKEN_RECIPES, curlCommand, describeIdentity, tokenVariable } from './reproduction.ts';
import type { Identity } from './fuzz-request.ts';

export type RunSummary = { seed: number; runs: number; probes: number; sweep: number; elapsedMs: number; restarts: number; restartMs: number; sendMs: number; operations: string[]; stoppedEarly: boolean };

/** The end-of-run figures: cases, per-route counts, the status tally and the seed. */
export function formatSummary(tally: Tally, summary: RunSummary, failures: number): string {
  const classes = new Map<string, number>();
  for (const [status, count] of tally.statuses) {
    const key = /^\d/.test(status) ? `${status[0]}xx` : status;
    classes.set(key, (classes.get(key) ?? 0) + count);
  }
  const width = Math.max(...summary.operations.map((key) => key.length));
  const routes = summary.operations.map((key) => `  ${key.padEnd(width)}  ${String(tally.perRoute.get(key) ?? 0).padStart(5)} cases, ${String(tally.accepted.get(key) ?? 0).padStart(4)} answered 2xx`);
  const statuses = [...tally.statuses].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => `${status}: ${count}`);
  return [
    `API fuzz: seed ${summary.seed} (FUZZ_SEED), ${tally.cases} cases of ${summary.probes + summary.sweep + summary.runs} (${summary.probes} probes, ${summary.sweep} of the field-by-field sweep, ${summary.runs} random: FUZZ_RUNS)${summary.stoppedEarly ? ' — stopped early by the time budget (FUZZ_TIME_MS)' : ''}, ` +
      `${tally.shrinkRuns} shrink runs, ${tally.requests} requests, ${summary.restarts} hub restarts, ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
      `(${(summary.sendMs / 1000).toFixed(1)} s waiting for answers, ${(summary.restartMs / 1000).toFixed(1)} s restarting)`,
    `answers while fuzzing: ${[...classes].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => `${key} ${count}`).join(', ')}`,
    `  by status: ${statuses.join(', ')}`,
    `cases per route (${summary.operations.length} operations of /api/openapi.json):`,
    ...routes,
    `distinct failures: ${failures}`,
  ].join('\n');
}

const indent = (text: string, by = '    ') => text.split('\n').map((line) => by + line).join('\n');

/** Every distinct failure with a reproduction to paste into bash against a running hub. */
export function formatFailures(reports: Report[]): string {
  if (reports.length === 0) return '';
  const identities = new Set<Identity>(reports.flatMap((report) => report.finding.steps.map((step) => step.request.identity)));
  identities.delete('anonymous');
  const preamble = [
    'Reproductions run against a hub started as the test starts it (demo data on, API only):',
    '  DATABASE_URL=file:/tmp/agora-repro.db AGORA_SKIP_SITE=true PORT=8787 node_modules/.bin/node api/server.ts',
    '  export AGORA_URL=http://127.0.0.1:8787',
    ...[...identities].map((identity) => `  export ${tokenVariable(identity)}=$(DATABASE_URL=file:/tmp/agora-repro.db ${TOKEN_RECIPES[identity as Exclude<Identity, 'anonymous'>]} 2>/dev/null)`),
  ].join('\n');
  const blocks = reports.map((report, i) => {
    const { finding } = report;
    // Steps sent at the same time run in the background together, then `wait`.
    const steps = finding.steps.map((step, n) => {
      const inGroup = step.together || finding.steps[n + 1]?.together;
      const lastOfGroup = inGroup && !finding.steps[n + 1]?.together;
      const command = `${curlCommand(step.request)}${inGroup ? ' &' : ''}${lastOfGroup ? '\nwait' : ''}`;
      return `  ${n + 1}. ${step.label} — ${describeIdentity(step.request)}\n${indent(command, '     ')}`;
    });
    return [
      `[${i + 1}] ${finding.kind}: ${finding.signature}`,
      `  ${finding.why}`,
      `  ${report.shrunk ? `shrunk in ${report.shrinkRuns} runs` : 'not shrunk (met while shrinking another failure)'}; seed ${report.seed}; met ${report.occurrences} more times`,
      `  reproduction (route ${finding.steps[0]!.request.operation}):`,
      ...steps,
      finding.answer ? `  answer:\n${indent(finding.answer)}` : '',
      finding.hubLog ? `  hub:\n${indent(finding.hubLog)}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [preamble, ...blocks].join('\n\n');
}
