import fc from 'fast-check';
import { jsonNumber, jsonString, type JsonNode } from './json-text.ts';
import type { CrawlResult } from './crawl.ts';
import { percentEncode, type FuzzRequest, type Identity } from './fuzz-request.ts';
import { fillTemplate, type JsonSchema, type Operation } from './openapi-operations.ts';
import { PLAIN_INSTANT, validNode } from './schema-values.ts';

/**
 * The deterministic part of the fuzz run, fed to fast-check as its first examples: for every
 * operation, a minimal valid request with one value at a time replaced by a classic troublemaker —
 * each string field of each body (nested ones too) set to "", a lone surrogate, a NUL, odd but
 * valid Unicode; each integer to its largest allowed value, -1 and 1e999 (each other number also
 * to the smallest positive double); each instant to one `Date` cannot hold; each path and query
 * parameter likewise. Random cases follow; the
 * sweep makes sure the classics are tried on every field whatever the seed.
 */
const STRINGS = ['', '\ud800', 'a\u0000b', 'e\u0301\u202e😀'];
const INSTANTS = ['+275760-09-13T00:00:00.000Z', '2026-02-30T00:00:00Z'];
const PATH_VALUES = ['\ud800', '\u0000', '%', '..', ' '];
const QUERY_VALUES = ['', '\ud800', '-1', '1.5', '1e999', '99999999999999999999'];
/** Who may send the body sweep: admin (every scope) and the two member-bound tokens (member-only acts). */
const BODY_IDENTITIES: Identity[] = ['admin', 'delegate', 'secretariat'];

type Step = string | number;
type Leaf = { root: JsonSchema; path: Step[]; schema: JsonSchema };

function typesOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : [];
}

/** Every string and number leaf of a body schema, with the path to it (arrays through their first item). */
function leavesOf(root: JsonSchema, schema: JsonSchema = root, path: Step[] = [], depth = 0): Leaf[] {
  if (depth > 4 || schema.enum) return [];
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches && path.length === 0) return branches.flatMap((branch) => leavesOf(branch, branch, [], depth));
  const types = typesOf(schema);
  if (types.includes('object'))
    return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => leavesOf(root, property, [...path, key], depth + 1));
  if (types.includes('array') && schema.items) return leavesOf(root, schema.items, [...path, 0], depth + 1);
  if (types.some((type) => ['string', 'integer', 'number'].includes(type)) && path.length > 0) return [{ root, path, schema }];
  return [];
}

/** The schema with only its required properties, plus those on `path`, which is made to exist. */
function minimalAlong(schema: JsonSchema, path: Step[]): JsonSchema {
  const [head, ...rest] = path;
  if (head === undefined) return schema;
  if (typeof head === 'number') return { ...schema, type: 'array', minItems: 1, maxItems: 1, items: minimalAlong(schema.items ?? {}, rest) };
  const required = new Set([...(schema.required ?? []), head]);
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .filter(([key]) => required.has(key))
      .map(([key, property]) => {
        if (key !== head) return [key, property];
        const types = typesOf(property).filter((type) => type !== 'null');
        return [key, minimalAlong(types.length > 0 ? { ...property, type: types } : property, rest)];
      }),
  );
  return { ...schema, type: 'object', properties, required: [...required] };
}

function setAt(node: JsonNode, path: Step[], value: JsonNode): JsonNode {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (node.kind === 'object') return { ...node, entries: node.entries.map(([key, item]): [string, JsonNode] => [key, key === head ? setAt(item, rest, value) : item]) };
  if (node.kind === 'array') return { ...node, items: node.items.map((item, i) => (i === head ? setAt(item, rest, value) : item)) };
  return node;
}

function valuesFor(schema: JsonSchema): JsonNode[] {
  const types = typesOf(schema);
  if (types.includes('string')) return [...STRINGS, ...(schema.format === 'date-time' ? INSTANTS : [])].map((value) => jsonString(value));
  if (types.includes('integer')) return [jsonNumber(schema.maximum ?? Number.MAX_SAFE_INTEGER), jsonNumber(-1), jsonNumber('1e999')];
  // A rate this small makes any duration divided by it infinite.
  return [jsonNumber('5e-324'), jsonNumber(schema.maximum ?? 1.7976931348623157e308), jsonNumber(-1), jsonNumber('1e999')];
}

const encoded = (value: string) => percentEncode(value, /[A-Za-z0-9\-._~]/);

/** Up to `count` consistent path fillings the crawl found, encoded; from the end of the list for `fromEnd`. */
function fillingsOf(operation: Operation, known: CrawlResult, count: number, fromEnd = false): Record<string, string>[] {
  const all = known.fillingsFor(operation);
  const chosen = (fromEnd ? [...all].reverse() : all).slice(0, count);
  const fillings = chosen.length > 0 ? chosen : [Object.fromEntries(operation.pathParams.map((parameter) => [parameter.name, 'x']))];
  return fillings.map((filling) => Object.fromEntries(Object.entries(filling).map(([name, value]) => [name, encoded(value)])));
}

function requestOf(operation: Operation, identity: Identity, values: Record<string, string>, query = '', body: JsonNode | null = null): FuzzRequest {
  return {
    operation: operation.key,
    method: operation.method,
    identity,
    auth: 'token',
    target: fillTemplate(operation.template, values) + query,
    headers: body ? [['Content-Type', 'application/json']] : [],
    body: body ? { kind: 'json', node: body } : null,
  };
}

/**
 * Gives a body's own `id` and its required instants (those the sweep does not change) fresh values:
 * each case then creates rather than repeats, and comes later than the one before (a training
 * report only moves its run when it is the latest).
 */
function withFreshId(node: JsonNode, schema: JsonSchema, leafPath: Step[], fresh: string, sequence = 0): JsonNode {
  if (node.kind !== 'object') return node;
  const present = (key: string) => leafPath[0] !== key && node.entries.some(([name]) => name === key);
  let changed: JsonNode = node;
  const idSchema = schema.properties?.id;
  if (idSchema && present('id') && (!idSchema.pattern || new RegExp(idSchema.pattern).test(fresh))) changed = setAt(changed, ['id'], jsonString(fresh));
  for (const key of schema.required ?? [])
    if (schema.properties?.[key]?.format === 'date-time' && present(key))
      changed = setAt(changed, [key], jsonString(new Date(Date.parse(PLAIN_INSTANT) + sequence * 1000).toISOString()));
  return changed;
}

/**
 * The order writes are probed and swept in: creations first, then acts on a resource whose last
 * segment names a collection (`…/ballots`), then other acts (`…/withdraw`), deletions last — so that
 * closing or deleting something comes after everything that needed it open.
 */
function rank(operation: Operation): number {
  if (operation.method === 'GET') return 0;
  if (operation.method === 'DELETE') return 4;
  if (operation.pathParams.length === 0) return 1;
  return /s$/.test(operation.template.split('/').at(-1) ?? '') ? 2 : 3;
}

export function sweepOrder(operations: Operation[]): Operation[] {
  return [...operations].sort((a, b) => rank(a) - rank(b));
}

/** Acts that may close or remove what they act on (`…/withdraw`, DELETE): probed on the last known values, not the first. */
const mayClose = (operation: Operation) => rank(operation) >= 3;

/** An identity, with the path values its probe was accepted on (null: the first the sweep knows). */
export type Caller = { identity: Identity; values: Record<string, string> | null };
/** Who may do a write where, and a body it accepted (the base the sweep changes one field of). */
export type WritePlan = { callers: Caller[]; base: JsonNode | null };

type Send = (request: FuzzRequest) => Promise<number | null>;
const refused = (status: number | null) => status === null || status === 401 || status === 403;

/**
 * Probes each write with plain valid requests, before the sweep: every path value (up to four)
 * and candidate identity with the plainest body, then, if none was accepted, other sample bodies
 * from those not refused (a release vote needs a model release subject, which the plainest body
 * is not). The answers say who may do what where, and give the sweep an accepted body to start
 * from, so that its cases are not spent on refusals or on a proposal that is closed.
 */
export async function probeWrites(operations: Operation[], known: CrawlResult, seed: number, send: Send): Promise<Map<string, WritePlan>> {
  const plans = new Map<string, WritePlan>();
  let fresh = 0;
  for (const operation of sweepOrder(operations.filter((candidate) => candidate.body))) {
    const sample = (attempt: number) => {
      const [body] = fc.sample(validNode(operation.body!, known.dictionaryFor(operation), undefined, 0, attempt === 0 ? 'plain' : 'varied'), { seed: seed + attempt, numRuns: 1 });
      return withFreshId(body!, operation.body!, [], `fuzz-probe-${fresh++}`);
    };
    const tried: { caller: Caller; status: number | null }[] = [];
    const base = sample(0);
    for (const values of fillingsOf(operation, known, 4, mayClose(operation)))
      for (const identity of BODY_IDENTITIES) tried.push({ caller: { identity, values }, status: await send(requestOf(operation, identity, values, '', base)) });
    const firstPer = (accept: (status: number | null) => boolean) =>
      BODY_IDENTITIES.map((identity) => tried.find(({ caller, status }) => caller.identity === identity && accept(status))?.caller).filter((caller): caller is Caller => caller !== undefined);
    // Two accepted callers at most, on different path values where there are (a queued run and a running one).
    const took = tried.filter(({ status }) => status !== null && status < 300).map(({ caller }) => caller);
    const other = took.find((caller) => JSON.stringify(caller.values) !== JSON.stringify(took[0]?.values));
    let accepted = took.length === 0 ? [] : [took[0]!, other ?? took.find((caller) => caller.identity !== took[0]!.identity)].filter((caller): caller is Caller => caller !== undefined);
    let body: JsonNode | null = accepted.length > 0 ? base : null;
    const allowed = firstPer((status) => !refused(status));
    for (let attempt = 1; attempt <= 4 && body === null && allowed.length > 0; attempt++) {
      const candidate = sample(attempt);
      for (const caller of allowed) if (((await send(requestOf(operation, caller.identity, caller.values!, '', candidate))) ?? 500) < 300) accepted.push(caller);
      if (accepted.length > 0) body = candidate;
    }
    // A creation that worked makes a few more of its kind, every optional property given, for the
    // acts probed and swept next (a run with a token target has an ETA to compute).
    if (body && operation.pathParams.length === 0) {
      const [full] = fc.sample(validNode(operation.body!, known.dictionaryFor(operation), undefined, 0, 'full'), { seed, numRuns: 1 });
      for (let copy = 0; copy < 3; copy++) await send(requestOf(operation, accepted[0]!.identity, {}, '', withFreshId(full!, operation.body!, [], `fuzz-probe-${fresh++}`)));
    }
    if (accepted.length === 0) accepted = (allowed.length > 0 ? allowed : [tried[0]!.caller]).map((caller) => ({ ...caller, values: null }));
    plans.set(operation.key, { callers: accepted, base: body });
  }
  return plans;
}

/** `base` with its top-level property `key` taken from `other` (added when `base` lacks it). */
function overlay(base: JsonNode, other: JsonNode, key: string): JsonNode {
  if (base.kind !== 'object' || other.kind !== 'object') return other;
  const taken = other.entries.find(([name]) => name === key);
  if (!taken) return base;
  return base.entries.some(([name]) => name === key)
    ? { ...base, entries: base.entries.map(([name, value]): [string, JsonNode] => [name, name === key ? taken[1] : value]) }
    : { ...base, entries: [...base.entries, taken] };
}

export function sweepRequests(operations: Operation[], known: CrawlResult, seed: number, plans: Map<string, WritePlan>): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  for (const operation of sweepOrder(operations)) {
    const dictionary = known.dictionaryFor(operation);
    const [first] = fillingsOf(operation, known, 1, mayClose(operation));
    const caller = { identity: (operation.secured ? 'admin' : 'anonymous') as Identity, values: first! };
    const planned = plans.get(operation.key) ?? { callers: [caller], base: null };
    const plan = { ...planned, callers: planned.callers.map((one) => ({ identity: one.identity, values: one.values ?? first! })) };

    for (const leaf of operation.body ? leavesOf(operation.body) : []) {
      const [minimal] = fc.sample(validNode(minimalAlong(leaf.root, leaf.path), dictionary, undefined, 0, 'plain'), { seed, numRuns: 1 });
      for (const value of valuesFor(leaf.schema)) {
        const changed = setAt(minimal!, leaf.path, value);
        // The accepted body with this one field changed, when the field's branch is the base's own.
        const body = plan.base && leaf.root === operation.body ? overlay(plan.base, changed, String(leaf.path[0])) : changed;
        for (const { identity, values } of plan.callers) {
          const request = requestOf(operation, identity, values, '', withFreshId(body, leaf.root, leaf.path, `fuzz-sweep-${requests.length}`, requests.length));
          // With the accepted body sent alongside (fresh id and instant): whatever the changed field
          // does to the write batch they share must stay its own.
          if (plan.base) request.companions = [requestOf(operation, identity, values, '', withFreshId(plan.base, operation.body!, [], `fuzz-companion-${requests.length}`, requests.length))];
          requests.push(request);
        }
      }
    }
    const [plain] = operation.body ? fc.sample(validNode(operation.body, dictionary, undefined, 0, 'plain'), { seed, numRuns: 1 }) : [null];
    const body = plan.base ?? plain ?? null;
    for (const parameter of operation.pathParams)
      for (const value of PATH_VALUES)
        requests.push(requestOf(operation, plan.callers[0]!.identity, { ...plan.callers[0]!.values, [parameter.name]: encoded(value) }, '', body));
    if (operation.method === 'GET')
      for (const parameter of operation.queryParams)
        for (const value of QUERY_VALUES) requests.push(requestOf(operation, caller.identity, caller.values, `?${encoded(parameter.name)}=${encoded(value)}`));
  }
  return requests;
}
