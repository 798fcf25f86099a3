import type { FuzzHub } from './fuzz-hub.ts';
import { fillTemplate, type Operation } from './openapi-operations.ts';
import type { Dictionary } from './schema-values.ts';
import type { PathValues } from './fuzz-request.ts';

const PER_KEY = 40;

function collectStrings(value: unknown, dictionary: Dictionary, key?: string, depth = 0): void {
  if (depth > 6 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (!key || value.length > 200) return;
    const known = dictionary.get(key) ?? [];
    if (known.length < PER_KEY && !known.includes(value)) dictionary.set(key, [...known, value]);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value.slice(0, 20)) collectStrings(item, dictionary, key, depth + 1);
    return;
  }
  if (typeof value === 'object') for (const [name, item] of Object.entries(value)) collectStrings(item, dictionary, name, depth + 1);
}

/** The items of a list answer (`{ items }`) or the array it is. */
function itemsOf(answer: unknown): Record<string, unknown>[] {
  const items = Array.isArray(answer) ? answer : (answer as { items?: unknown })?.items;
  return Array.isArray(items) ? items.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

/** The resource a path belongs to: its first segment under the API's base (`/api/v1/proposals/x/ballots` → `proposals`). */
const resourceOf = (path: string) => path.split('/')[3] ?? '';

export type CrawlResult = {
  /** Known strings for an operation's bodies: those its own resource answered win over the rest. */
  dictionaryFor(operation: Operation): Dictionary;
  pathValues: PathValues;
  /** Consistent path parameter values of an operation (a concern id with its own proposal's id), as known. */
  fillingsFor(operation: Operation): Record<string, string>[];
};

/**
 * Learns what exists from the hub itself, through every GET of the document (as admin, so nothing
 * is hidden): strings by property name for bodies, and for each path parameter the values its
 * parent list answers (`/models` → `items[].id` for `/models/{id}`), so most requests aim at
 * something real. Values in `exclude` (the fuzzer's own token ids) are never offered.
 * Strings are kept by property name, and apart per resource: a proposal's `kind` is a policy
 * kind, a training event's `kind` is not.
 */
export async function crawl(hub: FuzzHub, operations: Operation[], token: string, exclude: Set<string>): Promise<CrawlResult> {
  const dictionary: Dictionary = new Map();
  const byResource = new Map<string, Dictionary>();
  const pathValues: PathValues = new Map();
  const combos = new Map<string, Record<string, string>[]>();
  const answers = new Map<string, unknown>();
  const read = async (path: string) => {
    if (answers.has(path)) return answers.get(path);
    let answer: unknown = null;
    try {
      answer = await hub.json('GET', path, token);
    } catch {
      // a detail route may refuse the value tried: nothing to learn from it
    }
    answers.set(path, answer);
    collectStrings(answer, dictionary);
    const resource = resourceOf(path);
    if (!byResource.has(resource)) byResource.set(resource, new Map());
    collectStrings(answer, byResource.get(resource)!);
    return answer;
  };

  // Reads first and shallow templates first, so a parameter's parent list is known when needed.
  const ordered = [...operations].sort(
    (a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET') || a.pathParams.length - b.pathParams.length || a.template.length - b.template.length,
  );
  for (const operation of ordered) {
    let fillings: Record<string, string>[] = [{}];
    for (const parameter of operation.pathParams) {
      // A read with the same prefix already knows this parameter (`POST /proposals/{id}/ballots` ← `GET /proposals/{id}`).
      const prefix = operation.template.slice(0, operation.template.indexOf(`{${parameter.name}}`) + parameter.name.length + 2);
      const shared = [...pathValues].filter(([key]) => key.startsWith(prefix) && key.endsWith(`|${parameter.name}`)).flatMap(([, values]) => values);
      const next: Record<string, string>[] = [];
      for (const filling of fillings) {
        const values = shared.length > 0 ? shared : await valuesFor(operation.template, parameter.name, filling, operation, read);
        for (const value of values.filter((value) => !exclude.has(value))) next.push({ ...filling, [parameter.name]: value });
      }
      const key = `${operation.template}|${parameter.name}`;
      pathValues.set(key, [...new Set(next.map((filling) => filling[parameter.name]!))].slice(0, PER_KEY));
      fillings = next.slice(0, PER_KEY);
    }
    combos.set(operation.key, fillings);
    if (operation.method === 'GET' && !operation.template.endsWith('/stream'))
      for (const filling of fillings.slice(0, 4)) {
        const path = fillTemplate(operation.template, encodeAll(filling));
        await read(path);
        // A short page too, so that the list answers a `next` cursor to start from.
        if (operation.queryParams.some((parameter) => parameter.name === 'limit')) await read(`${path}?limit=2`);
      }
  }
  for (const known of [dictionary, ...byResource.values()])
    for (const values of known.values()) for (const value of [...values]) if (exclude.has(value)) values.splice(values.indexOf(value), 1);
  const merged = new Map<string, Dictionary>();
  return {
    pathValues,
    fillingsFor: (operation) => (operation.pathParams.length > 0 ? (combos.get(operation.key) ?? []) : [{}]),
    dictionaryFor(operation) {
      const resource = resourceOf(operation.template);
      if (!merged.has(resource)) merged.set(resource, new Map([...dictionary, ...(byResource.get(resource) ?? new Map())]));
      return merged.get(resource)!;
    },
  };
}

const encodeAll = (filling: Record<string, string>) => Object.fromEntries(Object.entries(filling).map(([key, value]) => [key, encodeURIComponent(value)]));

async function valuesFor(
  template: string,
  name: string,
  filling: Record<string, string>,
  operation: Operation,
  read: (path: string) => Promise<unknown>,
): Promise<string[]> {
  const parameter = operation.pathParams.find((candidate) => candidate.name === name)!;
  if (parameter.schema.enum) return parameter.schema.enum.map(String);
  const parentTemplate = template.slice(0, template.indexOf(`/{${name}}`));
  const parentPath = fillTemplate(parentTemplate, encodeAll(filling));
  const items = itemsOf(await read(parentPath));
  return items
    .map((item) => item[name] ?? item.id)
    .filter((value): value is string => typeof value === 'string')
    .slice(0, PER_KEY);
}
