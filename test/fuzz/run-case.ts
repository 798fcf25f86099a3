import { appendFileSync } from 'node:fs';
import type { Answer, FuzzHub, Outcome } from './fuzz-hub.ts';
import { bodyBytes, percentEncode, type FuzzRequest, type Identity } from './fuzz-request.ts';
import { appFrame, crashGist, judgeAnswer, normalizeMessage } from './judge-answer.ts';
import { matchTemplate, type Operation } from './openapi-operations.ts';
import { authorizationValue } from './reproduction.ts';

export type FindingKind = 'server-error' | 'crash' | 'not-a-problem' | 'bad-json' | 'timeout' | 'transport' | 'ledger';

/** One broken property, with everything needed to reproduce and recognise it. */
export type Finding = {
  kind: FindingKind;
  /** Same bug, same signature: kind, the route of the failing request, and the gist of the error. */
  signature: string;
  why: string;
  /** The requests of the case up to the failing one, in order (a re-send repeats the first); `together`: sent at the same time as the step before. */
  steps: Step[];
  answer: string | null;
  /** The hub's own account: the logged error and stack, or the crash's stderr and last requests. */
  hubLog: string | null;
};

export type Step = { label: string; request: FuzzRequest; together?: boolean };

export type Tally = {
  cases: number;
  shrinkRuns: number;
  requests: number;
  perRoute: Map<string, number>;
  statuses: Map<string, number>;
  /** Answers under 300 per route while fuzzing: how often a case got past validation. */
  accepted: Map<string, number>;
};

type Transmitted = { request: FuzzRequest; route: string; authorization: string | null; oversized: boolean; outcome: Outcome };

const OVERSIZED_HEAD = "Node HTTP layer (before the app), request head over Node's 16 KiB: a bare 431 or a reset connection";

/** The size of a request's line and headers, as Node's parser counts them against its 16 KiB. */
function headBytes(request: FuzzRequest, authorization: string | null): number {
  const headers = [...request.headers, ...(authorization ? [['Authorization', authorization]] : [])];
  return request.target.length + headers.reduce((sum, [name, value]) => sum + name!.length + value!.length + 4, 0);
}

const READ_BACK_LIMIT = 2;
/** Accepted writes between two verifications of the whole ledger while fuzzing. */
const VERIFY_EVERY = 4;
/** FUZZ_TRACE=FILE writes every request and its answer (cut short) there, one JSON line each. */
const TRACE = process.env.FUZZ_TRACE;

/**
 * Runs one fuzz case against the hub: the request; when a write is accepted, the same request
 * again (a re-send must be harmless), reads of what it wrote (as the caller and anonymously: the
 * anonymous read cache is another code path), the ledger feed since the last case, and now and
 * then a verification of the whole ledger. Returns what broke. A crash restarts the hub on its
 * pristine database.
 */
export class CaseRunner {
  /** The last requests sent, for crash reports (a crash may follow the request that caused it). */
  private recent: string[] = [];
  private lastSeq = 0;
  private lastRoute = '?';
  /** The first request of each accepted write since the ledger was last verified. */
  private unverified: Finding['steps'][] = [];
  /** The status of the last case's first request (null when it got no answer). */
  lastStatus: number | null = null;
  readonly tally: Tally = { cases: 0, shrinkRuns: 0, requests: 0, perRoute: new Map(), statuses: new Map(), accepted: new Map() };

  private readonly hub: FuzzHub;
  private readonly operations: Operation[];
  private readonly tokens: Record<Exclude<Identity, 'anonymous'>, string>;
  private readonly problemCodes: string[];

  constructor(hub: FuzzHub, operations: Operation[], tokens: Record<Exclude<Identity, 'anonymous'>, string>, problemCodes: string[]) {
    this.hub = hub;
    this.operations = operations;
    this.tokens = tokens;
    this.problemCodes = problemCodes;
  }

  async run(request: FuzzRequest, counting: boolean): Promise<Finding[]> {
    if (counting) {
      this.tally.cases++;
      this.tally.perRoute.set(request.operation, (this.tally.perRoute.get(request.operation) ?? 0) + 1);
    } else this.tally.shrinkRuns++;
    const steps: Step[] = [];
    const findings: Finding[] = [];
    /** Sends a step (with the case's companions, all at once, when there are) and judges every answer. */
    const send = async (label: string, step: FuzzRequest, companions: FuzzRequest[] = []): Promise<Answer | null> => {
      steps.push({ label, request: step });
      companions.forEach((companion, i) => steps.push({ label: `a plain valid request sent at the same time (${i + 1} of ${companions.length})`, request: companion, together: true }));
      const found = await this.sendTogether(step, companions, steps, counting);
      findings.push(...found.findings);
      return found.crashed ? null : found.answer;
    };

    const companions = request.companions ?? [];
    const answer = await send('request', request, companions);
    this.lastStatus = answer?.status ?? null;
    if (counting && answer && answer.status < 300) this.tally.accepted.set(request.operation, (this.tally.accepted.get(request.operation) ?? 0) + 1);
    if (!answer || request.method === 'GET' || answer.status >= 300) return findings;
    const again = await send('the same request again', request, companions);
    if (!again) return findings;

    const path = request.target.split('?')[0]!;
    let written: unknown = null;
    try {
      written = JSON.parse(answer.body.toString('utf8'));
    } catch {
      // not JSON: nothing to follow
    }
    // The written resource as the caller, then anonymously (the anonymous read cache is another code path).
    const [first, ...others] = this.readBacks(path, written);
    for (const [target, identity] of [
      ...(first ? ([[first, request.identity], [first, 'anonymous']] as const) : []),
      ...others.map((target) => [target, request.identity] as const),
    ])
      if (!(await send(`read back (${identity})`, this.plainGet(target, identity)))) return findings;
    const events = await send('ledger feed', this.plainGet(`/api/v1/events?after=${this.lastSeq}&limit=1000`, 'anonymous'));
    if (!events) return findings;
    try {
      const items = (JSON.parse(events.body.toString('utf8')) as { items?: { seq: number }[] }).items ?? [];
      this.lastSeq = Math.max(this.lastSeq, ...items.map((item) => item.seq));
    } catch {
      // judged above; nothing to follow
    }

    // Recomputing the whole chain costs more as it grows: every few accepted writes, and after
    // every one while shrinking. A break names the writes since the last good check.
    this.unverified.push(steps.slice(0, 1));
    if (counting && this.unverified.length < VERIFY_EVERY) return findings;
    const suspects = this.unverified;
    this.unverified = [];
    const verification = await send('ledger verification', this.plainGet('/api/v1/ledger/verify', 'anonymous'));
    if (!verification || verification.status !== 200) return findings;
    const verdict = JSON.parse(verification.body.toString('utf8')) as { ok: boolean; firstBad?: { seq: number; problem: string; message: string } };
    if (!verdict.ok) {
      const earlier = suspects.slice(0, -1).flatMap((writes, i) => writes.map((step) => ({ ...step, label: `earlier accepted write ${i + 1} of ${suspects.length - 1} since the last good check` })));
      findings.push({
        kind: 'ledger',
        signature: `ledger ${request.method} ${request.operation.split(' ')[1]} :: ${verdict.firstBad?.problem}`,
        why: `GET /api/v1/ledger/verify answers ok: false ${suspects.length > 1 ? `after these ${suspects.length} accepted writes` : 'after this write'}: ${JSON.stringify(verdict.firstBad)}`,
        steps: [...earlier, ...steps],
        answer: verification.body.toString('utf8').slice(0, 2000),
        hubLog: null,
      });
      // The chain stays broken: start again from the pristine database so the next case can tell.
      await this.hub.restartPristine();
      this.lastSeq = 0;
    }
    return findings;
  }

  /**
   * GET routes of the document for what was written: the resource by the id it answered, else the
   * nearest route above the written path (`POST /runs/x/reports` → `GET /runs/x`).
   */
  private readBacks(path: string, written: unknown): string[] {
    const targets: string[] = [];
    const segments = path.split('/');
    const id = typeof (written as { id?: unknown })?.id === 'string' ? (written as { id: string }).id : null;
    for (let end = segments.length; end > 3; end--) {
      const base = segments.slice(0, end).join('/');
      if (id !== null) {
        const byId = `${base}/${percentEncode(id, /[A-Za-z0-9\-._~]/)}`;
        if (matchTemplate(this.operations, 'GET', byId)) targets.push(byId);
      }
      if (matchTemplate(this.operations, 'GET', base)) targets.push(base);
    }
    const byId = targets.filter((target) => id !== null && target.endsWith(`/${percentEncode(id, /[A-Za-z0-9\-._~]/)}`));
    return [...new Set(byId.length > 0 ? byId : targets)].slice(0, READ_BACK_LIMIT);
  }

  private plainGet(target: string, identity: Identity): FuzzRequest {
    return { operation: `GET ${matchTemplate(this.operations, 'GET', target.split('?')[0]!)?.template ?? target}`, method: 'GET', identity, auth: 'token', target, headers: [], body: null };
  }

  /**
   * Sends a request and its companions at once (they land in one write batch), then judges each
   * answer; a failure of a companion — a plain valid request — is its own finding: one request's
   * fault must not become another's.
   */
  private async sendTogether(request: FuzzRequest, companions: FuzzRequest[], steps: Step[], counting: boolean): Promise<{ answer: Answer | null; crashed: boolean; findings: Finding[] }> {
    // A hub that died after answering the previous request: that request is the suspect.
    if (!this.hub.alive) return { answer: null, crashed: true, findings: [await this.crashed(this.lastRoute, 'after answering the previous request (before this one was sent)', [...steps])] };
    const sent = await Promise.all([request, ...companions].map((one) => this.transmit(one, counting)));
    const main = await this.judge(sent[0]!, [...steps], false);
    if (main.crashed) return main;
    const findings = [...main.findings];
    for (const companion of sent.slice(1)) {
      const judged = await this.judge(companion, [...steps], true);
      findings.push(...judged.findings);
      if (judged.crashed) return { answer: null, crashed: true, findings };
    }
    return { answer: main.answer, crashed: false, findings };
  }

  private async transmit(request: FuzzRequest, counting: boolean): Promise<Transmitted> {
    const route = `${request.method} ${matchTemplate(this.operations, request.method, request.target.split('?')[0]!)?.template ?? request.operation.split(' ')[1]}`;
    const headers: [string, string][] = [...request.headers];
    const authorization = request.identity === 'anonymous' ? null : authorizationValue(request, this.tokens[request.identity]);
    if (authorization) headers.push(['Authorization', authorization]);
    this.lastRoute = route;
    this.recent = [...this.recent, `${request.method} ${request.target.slice(0, 300)} (${request.identity})`].slice(-8);
    this.tally.requests++;
    const oversized = headBytes(request, authorization) > 16 * 1024;
    const outcome: Outcome = await this.hub.send({ method: request.method, target: request.target, headers, body: bodyBytes(request.body) });
    this.count(counting, outcome);
    if (TRACE)
      appendFileSync(
        TRACE,
        `${JSON.stringify({ counting, identity: request.identity, method: request.method, target: request.target.slice(0, 300), body: bodyBytes(request.body)?.toString('utf8').slice(0, 300) ?? null, ms: outcome.ms, status: outcome.kind === 'answer' ? outcome.status : outcome.kind, answer: outcome.kind === 'answer' ? outcome.body.toString('utf8').slice(0, 300) : null })}\n`,
      );
    return { request, route, authorization, oversized, outcome };
  }

  private async judge(sent: Transmitted, steps: Step[], companion: boolean): Promise<{ answer: Answer | null; crashed: boolean; findings: Finding[] }> {
    const { request, route, authorization, oversized, outcome } = sent;
    /** A companion's failure is told apart: the same error on a valid request is a worse bug. */
    const tag = companion ? ' [a plain valid request, sent together with another]' : '';
    if (outcome.kind !== 'answer') {
      if (await this.hub.exitedWithin(700)) return { answer: null, crashed: true, findings: [await this.crashed(route, 'while answering this request', steps)] };
      const kind = outcome.kind === 'timeout' ? 'timeout' : 'transport';
      const why = outcome.kind === 'timeout' ? `no answer within ${outcome.ms} ms` : outcome.message;
      // A request head too large for Node's parser gets a bare 431 or the connection cut while it is
      // still being sent, whichever comes first: one failure either way.
      if (kind === 'transport' && oversized)
        return { answer: null, crashed: false, findings: [{ kind: 'not-a-problem', signature: `not-a-problem ${OVERSIZED_HEAD}`, why: `${why} (request head of ${headBytes(request, authorization)} bytes)`, steps, answer: null, hubLog: null }] };
      return { answer: null, crashed: false, findings: [{ kind, signature: `${kind} ${route}${tag} :: ${normalizeMessage(why)}`, why, steps, answer: null, hubLog: null }] };
    }
    const verdict = judgeAnswer(outcome, this.problemCodes, request.method);
    if (!verdict) return { answer: outcome, crashed: false, findings: [] };
    // Node's HTTP layer refuses what it cannot parse (request head over 16 KiB, a byte not allowed in
    // a path) before the app sees it: an empty answer without the app's X-Request-Id. One bug, whatever the route.
    const byNode = outcome.requestId === null && outcome.body.length === 0 && outcome.contentType === '';
    const where = byNode ? (oversized ? OVERSIZED_HEAD : 'Node HTTP layer (before the app)') : route;
    const text = outcome.body.toString('utf8');
    let gist = verdict.why;
    let hubLog: string | null = null;
    if (verdict.kind === 'server-error') {
      const logged = await this.hub.errorLogFor(outcome.requestId);
      const error = logged?.error as { name?: string; message?: string; stack?: string } | undefined;
      gist = error ? `${error.name}: ${normalizeMessage(error.message ?? '')} @ ${appFrame(error.stack) ?? '?'}` : `${outcome.status}: ${normalizeMessage(text)}`;
      hubLog = error ? (error.stack ?? `${error.name}: ${error.message}`).split('\n').slice(0, 14).join('\n') : null;
    } else if (verdict.kind === 'not-a-problem') gist = byNode && oversized ? '' : `${outcome.status} ${normalizeMessage(verdict.why.replace(/^\d+ /, ''))}`;
    return {
      answer: outcome,
      crashed: false,
      findings: [{ kind: verdict.kind, signature: gist ? `${verdict.kind} ${where}${tag} :: ${gist}` : `${verdict.kind} ${where}${tag}`, why: verdict.why, steps, answer: `${outcome.status} ${outcome.contentType}\n${text.slice(0, 1500)}`, hubLog }],
    };
  }

  private async crashed(route: string, when: string, steps: Step[]): Promise<Finding> {
    const exit = this.hub.exit ?? { code: null, signal: null, stderr: '(exit not observed)' };
    const stderr = exit.stderr.trim().split('\n').slice(-25).join('\n');
    const recent = this.recent.map((line) => `  ${line}`).join('\n');
    const lastLogs = this.hub
      .lastLogLines(3)
      .map((entry) => `  ${JSON.stringify(entry).slice(0, 400)}`)
      .join('\n');
    const finding: Finding = {
      kind: 'crash',
      signature: `crash ${route} :: ${crashGist(exit)}`,
      why: `the hub process exited ${when} (code ${exit.code}, signal ${exit.signal})`,
      steps,
      answer: null,
      hubLog: `stderr:\n${stderr}\nlast log lines:\n${lastLogs}\nlast requests sent (oldest first):\n${recent}`,
    };
    this.recent = [];
    await this.hub.restartPristine();
    this.lastSeq = 0;
    this.unverified = [];
    return finding;
  }

  private count(counting: boolean, outcome: Outcome): void {
    if (!counting) return;
    const key = outcome.kind === 'answer' ? String(outcome.status) : outcome.kind;
    this.tally.statuses.set(key, (this.tally.statuses.get(key) ?? 0) + 1);
  }
}
