import fc from 'fast-check';
import { fromValue, jsonNull, type JsonNode } from './json-text.ts';
import type { JsonSchema } from './openapi-operations.ts';

/** Strings the hub itself answered, by the property name they came under (`id`, `modelId`, `kind`, …). */
export type Dictionary = Map<string, string[]>;

/**
 * Fields named otherwise than the answers' fields they echo: a list's `next` is the next `cursor`;
 * a delegation's `from` and `to` are organisations.
 */
const ALIASES: Record<string, string> = { cursor: 'next', from: 'organizationId', to: 'organizationId' };

/** Known values for a field name: its own (or its alias's), else those of `<name>Id`, else any known id. */
function knownFor(name: string | undefined, dictionary: Dictionary): string[] {
  if (!name) return [];
  const own = dictionary.get(ALIASES[name] ?? name) ?? [];
  if (own.length > 0) return own;
  const singular = name.endsWith('s') ? name.slice(0, -1) : name;
  return dictionary.get(`${singular}Id`) ?? dictionary.get('id') ?? [];
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

const nearInstant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString());
/** Instants a date-time format accepts (or nearly) that calendars and `Date` handle badly. */
const EDGE_INSTANTS = [
  '1970-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2026-02-30T00:00:00Z', '2026-12-31T23:59:60Z',
  '2026-11-25T10:00:00+14:00', '2026-11-25T10:00:00-12:00', '2026-11-25T10:00:00.123456789Z', '2026-11-25T24:00:00Z', '2038-01-19T03:14:08Z', '+275760-09-13T00:00:00.000Z',
] as const;
const isoInstant = fc.oneof({ weight: 8, arbitrary: nearInstant }, { weight: 1, arbitrary: fc.constantFrom(...EDGE_INSTANTS) });
/** Ten minutes ago, to the minute: what a well-behaved client sends as "now" (the hub runs on the wall clock). */
export const PLAIN_INSTANT = new Date(Math.floor((Date.now() - 600_000) / 60_000) * 60_000).toISOString();

/**
 * `varied`: any valid-looking value, edges included (the random cases). `plain`: the most ordinary
 * valid value — a known id, a recent instant, a small number, optional properties left out — the
 * base the sweep changes one field of.
 */
export type Style = 'varied' | 'plain' | 'full';
/** `full`: as plain, with every optional property present (resources made to be acted on). */
const ordinary = (style: Style) => style !== 'varied';

function stringArbitrary(schema: JsonSchema, name: string | undefined, dictionary: Dictionary, style: Style = 'varied'): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 10_000;
  const pattern = schema.pattern ? new RegExp(schema.pattern) : null;
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength && (pattern === null || pattern.test(value));
  const choices: fc.WeightedArbitrary<string>[] = [];
  const known = knownFor(name, dictionary).filter(fits);
  if (ordinary(style)) {
    // The document's own example first: it is meant to be valid.
    if (schema.format === 'date-time') return fc.constant(PLAIN_INSTANT);
    if (typeof schema.example === 'string' && fits(schema.example)) return fc.constant(schema.example);
    if (known.length > 0) return fc.constantFrom(...known);
    if (schema.format === 'date') return fc.constant(PLAIN_INSTANT.slice(0, 10));
    if (schema.format === 'uri') return fc.constant('https://example.org/fuzz');
    if (schema.format === 'email') return fc.constant('fuzz@example.org');
    if (pattern) return matching(pattern).filter(fits);
    return fc.stringMatching(/^[a-z]{4,12}$/).filter(fits);
  }
  if (known.length > 0) choices.push({ weight: 6, arbitrary: fc.constantFrom(...known) });
  if (typeof schema.example === 'string' && fits(schema.example)) choices.push({ weight: 1, arbitrary: fc.constant(schema.example) });
  if (schema.format === 'date-time') choices.push({ weight: 6, arbitrary: isoInstant });
  else if (schema.format === 'date') choices.push({ weight: 6, arbitrary: isoInstant.map((instant) => instant.slice(0, 10)) });
  else if (schema.format === 'uri') choices.push({ weight: 6, arbitrary: fc.webUrl().filter(fits) });
  else if (schema.format === 'email') choices.push({ weight: 6, arbitrary: fc.emailAddress().filter(fits) });
  else if (pattern) choices.push({ weight: 6, arbitrary: matching(pattern).filter(fits) });
  else choices.push({ weight: 3, arbitrary: fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, 24)) }) });
  // The edges a free-text field allows: empty, blank, exactly the longest.
  const edges = schema.format ? [] : ['', ' ', 'x'.repeat(Math.min(maxLength, 100_000))].filter(fits);
  if (edges.length > 0) choices.push({ weight: 3, arbitrary: fc.constantFrom(...edges) });
  return fc.oneof(...choices);
}

function integerBounds(schema: JsonSchema): { min: number; max: number } {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : -1_000_000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? Math.ceil(schema.exclusiveMaximum) - 1 : 10_000_000_000_000);
  return { min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) };
}

/**
 * A value that looks valid for `schema`: right types, enums, patterns, formats, bounds and required
 * properties, known ids where the field's name suggests one. Optional properties come and go.
 */
export function validNode(schema: JsonSchema, dictionary: Dictionary, name?: string, depth = 0, style: Style = 'varied'): fc.Arbitrary<JsonNode> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum).map(fromValue);
  if (schema.const !== undefined) return fc.constant(fromValue(schema.const));
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches && branches.length > 0) return fc.oneof(...branches.map((branch) => validNode(branch, dictionary, name, depth, style)));
  if (schema.allOf && schema.allOf.length > 0) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
    }
    return validNode(merged, dictionary, name, depth, style);
  }
  const types = typesOf(schema);
  if (types.length === 0) return depth > 2 ? fc.constant(jsonNull) : fc.jsonValue({ maxDepth: 1 }).map(fromValue);
  const nonNull = types.filter((type) => type !== 'null');
  const arbitraries = nonNull.map((type) => byType(type, schema, dictionary, name, depth, style));
  if (types.includes('null') && !ordinary(style)) return fc.oneof({ weight: 4, arbitrary: fc.oneof(...arbitraries) }, { weight: 1, arbitrary: fc.constant(jsonNull) });
  return arbitraries.length === 0 ? fc.constant(jsonNull) : fc.oneof(...arbitraries);
}

function byType(type: string, schema: JsonSchema, dictionary: Dictionary, name: string | undefined, depth: number, style: Style): fc.Arbitrary<JsonNode> {
  switch (type) {
    case 'string': {
      const free = !schema.pattern && !schema.format;
      return stringArbitrary(schema, name, dictionary, style).map((value): JsonNode => ({ kind: 'string', value, escape: false, free }));
    }
    case 'integer': {
      const bounds = integerBounds(schema);
      if (ordinary(style)) bounds.max = Math.max(bounds.min, Math.min(bounds.max, Math.max(bounds.min, 0) + 1000));
      return fc.integer(bounds).map(fromValue);
    }
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1e-9 : ordinary(style) ? 0 : -1e9);
      const max = ordinary(style) ? Math.max(min, Math.min(schema.maximum ?? 10, min + 10)) : (schema.maximum ?? 1e12);
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((value) => fromValue(Object.is(value, -0) ? 0 : value));
    }
    case 'boolean':
      return fc.boolean().map(fromValue);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, minLength + 3));
      return fc
        .array(validNode(schema.items ?? {}, dictionary, name, depth + 1, style), { minLength, maxLength: ordinary(style) ? Math.max(minLength, style === 'full' ? 1 : 0) : maxLength })
        .map((items): JsonNode => ({ kind: 'array', items }));
    }
    case 'object':
      return objectNode(schema, dictionary, depth, style);
    default:
      return fc.constant(jsonNull);
  }
}

function objectNode(schema: JsonSchema, dictionary: Dictionary, depth: number, style: Style): fc.Arbitrary<JsonNode> {
  const required = new Set(schema.required ?? []);
  const properties = Object.entries(schema.properties ?? {}).filter(([key]) => style !== 'plain' || required.has(key));
  const entries = properties.map(([key, property]) => {
    const value = validNode(property, dictionary, key, depth + 1, style).map((node): [string, JsonNode] => [key, node]);
    return required.has(key) || ordinary(style) ? value : fc.option(value, { freq: 2, nil: undefined });
  });
  return fc.tuple(...entries).map((pairs): JsonNode => ({ kind: 'object', entries: pairs.filter((pair): pair is [string, JsonNode] => pair !== undefined) }));
}

/** A string that looks valid for a parameter's schema (query, path or header parameter). */
export function validParameter(schema: JsonSchema, dictionary: Dictionary, name: string): fc.Arbitrary<string> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum.map(String));
  const types = typesOf(schema).filter((type) => type !== 'null');
  if (types.includes('integer')) return fc.integer(integerBounds(schema)).map(String);
  if (types.includes('number')) return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }).map(String);
  if (types.includes('boolean')) return fc.constantFrom('true', 'false');
  return stringArbitrary(schema, name, dictionary);
}

/** Strings matching a schema's pattern; one fast-check cannot generate from is left to the other values. */
function matching(pattern: RegExp): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(pattern);
  } catch {
    return fc.string({ maxLength: 40 }).filter((text) => pattern.test(text));
  }
}
