import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from './crawl.ts';
import { formatFailures, formatSummary } from './format-report.ts';
import { FuzzHub } from './fuzz-hub.ts';
import { anyRequest, type FuzzRequest, type Identity } from './fuzz-request.ts';
import { fuzzSession, type Report } from './fuzz-session.ts';
import { listOperations, problemCodes, type OpenApiDocument, type Operation } from './openapi-operations.ts';
import { CaseRunner } from './run-case.ts';
import { probeWrites, sweepRequests } from './sweep.ts';

/**
 * Property-based fuzzing of every route of `GET /api/openapi.json`, over real HTTP, against a real
 * hub process on a temporary file database: a request that kills the process (a libSQL panic)
 * must not kill the test, so it runs out of process (test/fuzz/README.md).
 *
 * Properties: no 5xx; every 4xx is a problem JSON `{ error: { code, message } }` with a code of the
 * document; the process stays alive; and the ledger verifies (`GET /api/v1/ledger/verify`) while
 * fuzzing and at the end.
 *
 * FUZZ_SEED (default 20261125), FUZZ_RUNS (random cases after the sweep, default 2000),
 * FUZZ_SHRINK_MS (per failure, default 4000), FUZZ_TIME_MS (safety net, default 75000),
 * FUZZ_REPORT=FILE (also write the report there), FUZZ_TRACE=FILE (every request, one JSON line each).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SHRINK_MS = Number(process.env.FUZZ_SHRINK_MS ?? 4_000);
const TIME_MS = Number(process.env.FUZZ_TIME_MS ?? 75_000);

/** Member-bound tokens: a delegate of a binding organisation that has not voted on the demo's open release vote, and the secretariat. */
const MEMBERS: Record<'delegate' | 'secretariat', string> = { delegate: 'demo-delegate-csc', secretariat: 'demo-secretariat' };

const hub = new FuzzHub();
let operations: Operation[] = [];
let codes: string[] = [];
/** Every token that exists after set-up is the fuzzer's own: none of them is offered to DELETE /tokens/{id}. */
let own = new Set<string>();
const tokens = {} as Record<Exclude<Identity, 'anonymous'>, string>;

beforeAll(async () => {
  await hub.start();
  const admin = hub.bootstrapToken;
  if (!admin) throw new Error('the new hub printed no admin token');
  for (const scope of ['admin', 'write', 'confidential', 'reporter'] as const)
    tokens[scope] = ((await hub.json('POST', '/api/v1/tokens', admin, { name: `fuzz ${scope}`, scopes: [scope] })) as { secret: string }).secret;
  for (const [identity, memberId] of Object.entries(MEMBERS) as [keyof typeof MEMBERS, string][])
    tokens[identity] = ((await hub.json('POST', '/api/v1/tokens', admin, { name: `fuzz ${identity}`, scopes: ['write'], memberId })) as { secret: string }).secret;
  own = new Set(((await hub.json('GET', '/api/v1/tokens', admin)) as { items: { id: string }[] }).items.map((token) => token.id));
  await hub.keepPristineCopy();
  const document = (await hub.json('GET', '/api/openapi.json', null)) as OpenApiDocument;
  operations = listOperations(document);
  codes = problemCodes(document);
}, 180_000);

afterAll(async () => {
  await hub.stop();
  hub.cleanup();
});

describe('fuzzing every route of the OpenAPI document against a real hub process', () => {
  it('answers no 5xx, a problem JSON for every 4xx, stays alive, and keeps a verifiable ledger', async () => {
    const started = Date.now();
    expect(operations.length).toBeGreaterThan(10);
    const runner = new CaseRunner(hub, operations, tokens, codes);
    // What exists (crawl); writes that create, probed (they add resources of the fuzzer's own, such
    // as open proposals); what exists then; the other writes, probed (who may do what where; they
    // add concerns, comments, …); what exists at last. The probes are cases like the others: what
    // they break is reported. The pristine copy is taken again afterwards, so that a crash does not
    // take the probes' resources away.
    let probes = 0;
    const earlier = new Map<string, Report>();
    const send = async (request: FuzzRequest) => {
      probes++;
      for (const finding of await runner.run(request, true))
        if (!earlier.has(finding.signature)) earlier.set(finding.signature, { finding, original: request, shrunk: false, shrinkRuns: 0, occurrences: 0, seed: SEED });
      return runner.lastStatus;
    };
    const creations = await probeWrites(operations.filter((operation) => operation.pathParams.length === 0), await crawl(hub, operations, tokens.admin, own), SEED, send);
    const acts = await probeWrites(operations.filter((operation) => operation.pathParams.length > 0), await crawl(hub, operations, tokens.admin, own), SEED, send);
    const known = await crawl(hub, operations, tokens.admin, own);
    const { dictionaryFor, pathValues } = known;
    await hub.keepPristineCopy();
    const sweep = sweepRequests(operations, known, SEED, new Map([...creations, ...acts]));
    const { reports, stoppedEarly } = await fuzzSession(anyRequest(operations, dictionaryFor, pathValues), sweep, runner, {
      seed: SEED,
      runs: runner.tally.cases + sweep.length + RUNS,
      shrinkMs: SHRINK_MS,
      shrinkRuns: 150,
      maxRounds: 40,
      deadline: started + TIME_MS,
    }, [...earlier.values()]);

    // Afterwards: the process is alive and the ledger verifies.
    const finalChecks: string[] = [];
    if (!hub.alive) finalChecks.push('the hub process is not alive at the end');
    else {
      const verification = (await hub.json('GET', '/api/v1/ledger/verify', null)) as { ok: boolean };
      if (!verification.ok) finalChecks.push(`GET /api/v1/ledger/verify at the end: ${JSON.stringify(verification)}`);
    }

    const summary = formatSummary(runner.tally, { seed: SEED, runs: RUNS, probes, sweep: sweep.length, elapsedMs: Date.now() - started, restarts: hub.restarts, restartMs: hub.restartMs, sendMs: hub.sendMs, operations: operations.map((operation) => operation.key), stoppedEarly }, reports.length);
    const failures = formatFailures(reports);
    const text = [summary, failures, ...finalChecks].filter(Boolean).join('\n\n');
    console.log(text);
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, `${text}\n`);
    if (reports.length > 0 || finalChecks.length > 0) throw new Error(`${reports.length} distinct failure(s) (seed ${SEED}):\n\n${failures}\n${finalChecks.join('\n')}`);
  }, TIME_MS + 90_000);
});
