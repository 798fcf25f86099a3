import fc from 'fast-check';
import { jsonNumber, jsonString, type JsonNode } from './json-text.ts';
import { percentEncode, type FuzzRequest, type Identity, type PathValues } from './fuzz-request.ts';
import { fillTemplate, type JsonSchema, type Operation } from './openapi-operations.ts';
import { validNode, type Dictionary } from './schema-values.ts';

/**
 * The deterministic part of the fuzz run, fed to fast-check as its first examples: for every
 * operation, a minimal valid request with one value at a time replaced by a classic troublemaker —
 * each string field of each body (nested ones too) set to "", a lone surrogate, a NUL, odd but
 * valid Unicode; each number to its largest allowed value, -1 and 1e999; each instant to
 * one `Date` cannot hold; each path and query parameter likewise. Random cases follow; the
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
  const largest = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  return [jsonNumber(largest), jsonNumber(-1), jsonNumber('1e999')];
}

const encoded = (value: string) => percentEncode(value, /[A-Za-z0-9\-._~]/);

/** The path values a sweep uses: the first known value of each parameter, and a second one of the first. */
function fillingsOf(operation: Operation, pathValues: PathValues): Record<string, string>[] {
  const known = (name: string) => pathValues.get(`${operation.template}|${name}`) ?? [];
  return (known(operation.pathParams[0]?.name ?? '').length > 1 ? [0, 1] : [0]).map((i) =>
    Object.fromEntries(operation.pathParams.map((parameter) => [parameter.name, encoded(known(parameter.name)[i] ?? known(parameter.name)[0] ?? 'x')])),
  );
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

/** Gives a body's own `id` (when it has one the sweep does not change) a fresh value, so that each case creates rather than repeats. */
function withFreshId(node: JsonNode, schema: JsonSchema, leafPath: Step[], fresh: string): JsonNode {
  const idSchema = schema.properties?.id;
  if (node.kind !== 'object' || !idSchema || leafPath[0] === 'id' || !node.entries.some(([key]) => key === 'id')) return node;
  if (idSchema.pattern && !new RegExp(idSchema.pattern).test(fresh)) return node;
  return setAt(node, ['id'], jsonString(fresh));
}

export type SweepKey = string;
const keyOf = (operation: Operation, filling: number, identity: Identity): SweepKey => `${operation.key}|${filling}|${identity}`;

/**
 * One plain valid request per body operation, path value and candidate identity: sent before the
 * sweep, their answers say which identities may call what (a 401 or 403 rules an identity out),
 * so that the sweep does not spend its cases on refusals.
 */
export function sweepProbes(operations: Operation[], dictionary: Dictionary, pathValues: PathValues, seed: number): { key: SweepKey; request: FuzzRequest }[] {
  const probes: { key: SweepKey; request: FuzzRequest }[] = [];
  for (const operation of operations.filter((candidate) => candidate.body)) {
    const [body] = fc.sample(validNode(operation.body!, dictionary, undefined, 0, 'plain'), { seed, numRuns: 1 });
    fillingsOf(operation, pathValues).forEach((values, filling) => {
      for (const identity of BODY_IDENTITIES)
        probes.push({ key: keyOf(operation, filling, identity), request: requestOf(operation, identity, values, '', withFreshId(body!, operation.body!, [], `fuzz-probe-${probes.length}`)) });
    });
  }
  return probes;
}

export function sweepRequests(operations: Operation[], dictionary: Dictionary, pathValues: PathValues, seed: number, allowed: Set<SweepKey>): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  for (const operation of operations) {
    const fillings = fillingsOf(operation, pathValues);
    const caller: Identity = operation.secured ? 'admin' : 'anonymous';

    for (const leaf of operation.body ? leavesOf(operation.body) : []) {
      const [valid] = fc.sample(validNode(minimalAlong(leaf.root, leaf.path), dictionary, undefined, 0, 'plain'), { seed, numRuns: 1 });
      for (const value of valuesFor(leaf.schema))
        fillings.forEach((values, filling) => {
          const identities = BODY_IDENTITIES.filter((identity) => allowed.has(keyOf(operation, filling, identity)));
          for (const identity of identities.length > 0 ? identities : (['admin'] as Identity[]))
            requests.push(requestOf(operation, identity, values, '', withFreshId(setAt(valid!, leaf.path, value), leaf.root, leaf.path, `fuzz-sweep-${requests.length}`)));
        });
    }
    for (const parameter of operation.pathParams)
      for (const value of PATH_VALUES) {
        const values = { ...fillings[0]!, [parameter.name]: encoded(value) };
        const [body] = operation.body ? fc.sample(validNode(operation.body, dictionary, undefined, 0, 'plain'), { seed, numRuns: 1 }) : [null];
        requests.push(requestOf(operation, caller, values, '', body ?? null));
      }
    if (operation.method === 'GET')
      for (const parameter of operation.queryParams)
        for (const value of QUERY_VALUES) requests.push(requestOf(operation, caller, fillings[0]!, `?${encoded(parameter.name)}=${encoded(value)}`));
  }
  return requests;
}
