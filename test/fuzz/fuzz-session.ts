import fc from 'fast-check';
import type { FuzzRequest } from './fuzz-request.ts';
import type { CaseRunner, Finding } from './run-case.ts';

export type Report = {
  finding: Finding;
  /** The request fast-check first failed on, before shrinking. */
  original: FuzzRequest;
  shrunk: boolean;
  shrinkRuns: number;
  /** How many more times the same signature came up while fuzzing on. */
  occurrences: number;
  seed: number;
};

export type SessionOptions = {
  seed: number;
  runs: number;
  /** Shrinking budget per failure. */
  shrinkMs: number;
  shrinkRuns: number;
  maxRounds: number;
  /** A safety net: past this instant (ms since the epoch) no more cases run. */
  deadline: number;
};

/**
 * Fuzzes until `runs` cases have run — the `examples` first, then random ones — collecting every
 * distinct failure, each shrunk on its own (examples are minimal already and are not shrunk).
 *
 * fast-check stops at the first failure and shrinks it; to find the others, the session runs
 * rounds (seed, seed + 1, …, each for the cases left). A round fails only on a signature not yet
 * reported; while it shrinks, only that same signature counts as a failure, so shrinking cannot
 * wander to another bug. Signatures met along the way are kept, unshrunk, in case no later round
 * meets them again. Shrinking has a budget (runs and time) since a crash costs a restart.
 */
export async function fuzzSession(
  arbitrary: fc.Arbitrary<FuzzRequest>,
  examples: FuzzRequest[],
  runner: CaseRunner,
  options: SessionOptions,
  /** Failures already met (during set-up): reported as they are, not sought again. */
  earlier: Report[] = [],
): Promise<{ reports: Report[]; stoppedEarly: boolean }> {
  let stoppedEarly = false;
  /** Examples run first, in order; a round that fails on one resumes the next round after it. */
  let nextExample = 0;
  const reports = new Map<string, Report>(earlier.map((report) => [report.finding.signature, report]));
  const pending = new Map<string, Report>();
  for (let round = 0; round < options.maxRounds && runner.tally.cases < options.runs && !stoppedEarly; round++) {
    const seed = options.seed + round;
    let target: string | null = null;
    let latest: { finding: Finding; request: FuzzRequest } | null = null;
    let original: FuzzRequest | null = null;
    let shrinkStarted = 0;
    let shrinkRuns = 0;
    const property = fc.asyncProperty(arbitrary, async (request) => {
      const shrinking = target !== null;
      if (Date.now() > options.deadline) {
        stoppedEarly = true;
        return true;
      }
      if (shrinking && (shrinkRuns >= options.shrinkRuns || Date.now() - shrinkStarted > options.shrinkMs)) return true;
      if (shrinking) shrinkRuns++;
      else if (request === examples[nextExample]) nextExample++;
      const findings = await runner.run(request, !shrinking);
      let failed = false;
      for (const finding of findings) {
        if (!shrinking && !failed && !reports.has(finding.signature)) {
          target = finding.signature;
          latest = { finding, request };
          original = request;
          shrinkStarted = Date.now();
          failed = true;
        } else if (finding.signature === target) {
          latest = { finding, request };
          failed = true;
        } else if (reports.has(finding.signature)) reports.get(finding.signature)!.occurrences++;
        else if (pending.has(finding.signature)) pending.get(finding.signature)!.occurrences++;
        else pending.set(finding.signature, { finding, original: request, shrunk: false, shrinkRuns: 0, occurrences: 0, seed });
      }
      return !failed;
    });
    const result = await fc.check(property, { seed, numRuns: options.runs - runner.tally.cases, examples: examples.slice(nextExample).map((example) => [example]) });
    if (!result.failed) break;
    if (target === null || latest === null || original === null)
      throw new Error(`the fuzzer itself failed: ${result.errorInstance instanceof Error ? result.errorInstance.stack : String(result.errorInstance)}`);
    const found = latest as { finding: Finding; request: FuzzRequest };
    reports.set(target, { finding: found.finding, original, shrunk: true, shrinkRuns, occurrences: 0, seed });
    pending.delete(target);
  }
  for (const [signature, report] of pending) if (!reports.has(signature)) reports.set(signature, report);
  return { reports: [...reports.values()], stoppedEarly };
}
