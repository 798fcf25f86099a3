import type { Answer, Exit } from './fuzz-hub.ts';

/** What is wrong with an answer, or null. These are the fuzz test's properties, one line each. */
export function judgeAnswer(answer: Answer, problemCodes: string[], method = 'GET'): { kind: 'server-error' | 'not-a-problem' | 'bad-json'; why: string } | null {
  // No 5xx, ever: a hostile request is the client's fault and must be told so.
  if (answer.status >= 500) return { kind: 'server-error', why: `answered ${answer.status}` };
  // HEAD answers carry no body, OPTIONS answers are CORS preflights: only their status is judged.
  if (method === 'HEAD' || method === 'OPTIONS') return null;
  const text = answer.body.toString('utf8');
  if (answer.status >= 400) {
    // Every refusal is a problem JSON `{ error: { code, message } }`.
    if (!/^application\/(problem\+)?json\b/i.test(answer.contentType))
      return { kind: 'not-a-problem', why: `${answer.status} with Content-Type "${answer.contentType}", not a problem JSON` };
    let body: { error?: { code?: unknown; message?: unknown } };
    try {
      body = JSON.parse(text);
    } catch {
      return { kind: 'not-a-problem', why: `${answer.status} whose body is not JSON` };
    }
    const error = body?.error;
    if (typeof error !== 'object' || error === null) return { kind: 'not-a-problem', why: `${answer.status} without an "error" object` };
    if (typeof error.code !== 'string' || (problemCodes.length > 0 && !problemCodes.includes(error.code)))
      return { kind: 'not-a-problem', why: `${answer.status} with error.code ${JSON.stringify(error.code)}, not one of the document's codes` };
    if (typeof error.message !== 'string' || error.message.trim() === '') return { kind: 'not-a-problem', why: `${answer.status} without an error.message` };
    return null;
  }
  // A success that says it is JSON must be JSON.
  if (/json/i.test(answer.contentType) && text.length > 0)
    try {
      JSON.parse(text);
    } catch {
      return { kind: 'bad-json', why: `${answer.status} with Content-Type "${answer.contentType}" whose body does not parse` };
    }
  return null;
}

/** A message with its variable parts (quoted values, numbers, ids) blanked, so one bug has one signature. */
export function normalizeMessage(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/\b[0-9a-f]{8}-[0-9a-f-]{27,}\b/gi, 'UUID')
    .replace(/\b(tok|prop|req|conc|del)_[\w-]+/g, '$1_…')
    .replace(/\d+/g, 'N')
    .slice(0, 160)
    .trim();
}

/** The first frame of the hub's own code in a stack: `writeReports (api/services/training-report-batch.ts)`. */
export function appFrame(stack: string | undefined): string | null {
  if (!stack) return null;
  for (const line of stack.split('\n')) {
    if (line.includes('node_modules')) continue;
    const match = /at (?:async )?(?:([^\s(]+) )?\(?(?:file:\/\/)?[^()\s]*?\/((?:api|db|bots)\/[^():\s]+):\d+/.exec(line);
    if (match) return `${match[1] ?? '<anonymous>'} (${match[2]})`;
  }
  return null;
}

/** The gist of a process exit: the libSQL/Rust panic line, or the last thing written to stderr. */
export function crashGist(exit: Exit): string {
  const panic = /panicked at ([^\n]+):\n([^\n]+)/.exec(exit.stderr) ?? /panicked at ([^\n]+)/.exec(exit.stderr);
  const cause = panic
    ? `panic at ${panic[1]!.replace(/:\d+:\d+$/, '')}${panic[2] ? `: ${panic[2]}` : ''}`
    : (exit.stderr.trim().split('\n').filter((line) => !/^\s+at /.test(line)).at(-1) ?? 'no stderr');
  return `exit ${exit.signal ?? exit.code}: ${normalizeMessage(cause)}`;
}
