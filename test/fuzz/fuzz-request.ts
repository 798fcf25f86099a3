import fc from 'fast-check';
import { INJECTIONS, NUMBER_TOKENS, hostileFragment, hostileString, randomNode } from './hostile-values.ts';
import { serialize, type JsonNode } from './json-text.ts';
import { applyMutation, mutationArbitrary } from './mutations.ts';
import { fillTemplate, type Operation, type Parameter } from './openapi-operations.ts';
import { validNode, validParameter, type Dictionary } from './schema-values.ts';

/** Who calls: nobody, a token of each scope, or a member-bound `write` token (a delegate, the secretariat). */
export const IDENTITIES = ['anonymous', 'admin', 'write', 'confidential', 'reporter', 'delegate', 'secretariat'] as const;
export type Identity = (typeof IDENTITIES)[number];

/** How the token is presented: as it should be, or in a way the hub must refuse cleanly. */
export type AuthVariant = 'token' | 'lowercase-scheme' | 'unknown-token' | 'malformed';

export type BodySpec = { kind: 'json'; node: JsonNode } | { kind: 'text'; text: string } | { kind: 'bytes'; hex: string };

/** One HTTP request, as plain data: what fast-check generates, shrinks and prints. */
export type FuzzRequest = {
  /** The OpenAPI operation it was derived from (`POST /api/v1/tokens`). */
  operation: string;
  method: string;
  identity: Identity;
  auth: AuthVariant;
  /** Path and query, already percent-encoded as they go on the wire. */
  target: string;
  /** Headers other than Authorization (which is added from the identity when sent). */
  headers: [string, string][];
  body: BodySpec | null;
  /** Plain valid requests of the same operation sent at the same moment (one write batch). */
  companions?: FuzzRequest[];
};

export function bodyBytes(body: BodySpec | null): Buffer | null {
  if (!body) return null;
  if (body.kind === 'json') return Buffer.from(serialize(body.node), 'utf8');
  if (body.kind === 'text') return Buffer.from(body.text, 'utf8');
  return Buffer.from(body.hex, 'hex');
}

/** UTF-8 bytes of a string, lone surrogates written as their three-byte (WTF-8) form instead of U+FFFD. */
function wtf8(value: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    let code = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
}

/** Percent-encodes every byte whose character `keep` does not accept. */
export function percentEncode(value: string, keep: RegExp): string {
  return wtf8(value)
    .map((byte) => (byte < 0x80 && keep.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;
/** What may stand raw in a request line: printable ASCII but the space (so `/`, `..`, `%`, `?`, `#` pass through). */
const PRINTABLE = /[!-~]/;

type Encoding = 'encoded' | 'raw' | 'double';
const encodingArbitrary = fc.oneof({ weight: 8, arbitrary: fc.constant<Encoding>('encoded') }, { weight: 1, arbitrary: fc.constant<Encoding>('raw') }, { weight: 1, arbitrary: fc.constant<Encoding>('double') });

function encode(value: string, encoding: Encoding): string {
  if (encoding === 'raw') return percentEncode(value, PRINTABLE);
  const once = percentEncode(value, UNRESERVED);
  return encoding === 'double' ? percentEncode(once, UNRESERVED) : once;
}

/** A header value Node will send: Latin-1 without control characters; anything else percent-encoded. */
export function headerSafe(value: string): string {
  return [...value].map((char) => (/^[\t\x20-\x7e\x80-\xff]$/.test(char) ? char : percentEncode(char, /(?!)/))).join('');
}

function insert(value: string, fragment: string, where: number): string {
  const at = value.length === 0 ? 0 : where % (value.length + 1);
  return value.slice(0, at) + fragment + value.slice(at);
}

export type PathValues = Map<string, string[]>;

function pathValueArbitrary(operation: Operation, parameter: Parameter, pathValues: PathValues, dictionary: Dictionary): fc.Arbitrary<string> {
  const known = pathValues.get(`${operation.template}|${parameter.name}`) ?? [];
  const valid = validParameter(parameter.schema, dictionary, parameter.name);
  const base = known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: valid }) : valid;
  return fc.oneof(
    { weight: 8, arbitrary: base },
    { weight: 3, arbitrary: hostileString() },
    { weight: 3, arbitrary: fc.tuple(base, hostileFragment(), fc.nat()).map(([value, fragment, where]) => insert(value, fragment, where)) },
  );
}

function queryValueArbitrary(parameter: Parameter, dictionary: Dictionary): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: validParameter(parameter.schema, dictionary, parameter.name) },
    { weight: 3, arbitrary: hostileString() },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBER_TOKENS, 'abc', '', '1,2', '0x1f', ' 1') },
    // Opaque values (cursors) are often base64 of something: of something hostile, then.
    { weight: 1, arbitrary: hostileFragment().map((value) => Buffer.from(percentEncode(value, /(?!)/).replace(/%/g, ''), 'hex').toString('base64url')) },
  );
}

const QUERY_NAMES = ['__proto__', 'constructor', 'constructor[prototype][polluted]', '__proto__[polluted]', 'a[]', '', '\ud800', 'x'.repeat(5000)] as const;

function queryArbitrary(operation: Operation, dictionary: Dictionary): fc.Arbitrary<string> {
  const declared = operation.queryParams.map((parameter) =>
    fc.option(fc.tuple(fc.constant(parameter.name), queryValueArbitrary(parameter, dictionary), encodingArbitrary), { freq: 2, nil: undefined }),
  );
  const names = operation.queryParams.map((parameter) => parameter.name);
  const extra = fc.tuple(names.length > 0 ? fc.oneof(fc.constantFrom(...names), fc.constantFrom(...QUERY_NAMES)) : fc.constantFrom(...QUERY_NAMES), hostileString(), encodingArbitrary);
  const extras = fc.oneof({ weight: 5, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(extra, { minLength: 1, maxLength: 2 }) });
  return fc.tuple(fc.tuple(...declared), extras).map(([present, more]) => {
    const pairs = [...present.filter((pair) => pair !== undefined), ...more];
    if (pairs.length === 0) return '';
    return `?${pairs.map(([name, value, encoding]) => `${encode(name, encoding)}=${encode(value, encoding)}`).join('&')}`;
  });
}

const CONTENT_TYPES = [
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=latin1',
  'APPLICATION/JSON', 'application/problem+json', 'application/jsonx', 'application/json, text/plain', '', ';',
] as const;

function headersArbitrary(operation: Operation, hasBody: boolean, dictionary: Dictionary): fc.Arbitrary<[string, string][]> {
  const contentType = hasBody
    ? fc.oneof({ weight: 14, arbitrary: fc.constant<string | null>('application/json') }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom<string | null>(...CONTENT_TYPES) })
    : fc.oneof({ weight: 10, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: fc.constant<string | null>('application/json') });
  const declared = operation.headerParams.map((parameter) =>
    fc.option(
      fc.tuple(fc.constant(parameter.name), fc.oneof(validParameter(parameter.schema, dictionary, parameter.name), fc.constantFrom(...NUMBER_TOKENS), hostileString()).map(headerSafe)),
      { freq: 2, nil: undefined },
    ),
  );
  const accept = fc.option(fc.constantFrom('text/html', '*/*', 'application/xml', 'text/event-stream', 'application/json;q=0'), { freq: 6, nil: undefined });
  const requestId = fc.option(fc.constantFrom(...INJECTIONS, 'r'.repeat(8000), 'ü-ñ', '\ud800').map(headerSafe), { freq: 8, nil: undefined });
  return fc.record({ contentType, declared: fc.tuple(...declared), accept, requestId }).map(({ contentType, declared, accept, requestId }) => {
    const headers: [string, string][] = [];
    if (contentType !== null) headers.push(['Content-Type', contentType]);
    for (const pair of declared) if (pair) headers.push(pair);
    if (accept) headers.push(['Accept', accept]);
    if (requestId !== undefined) headers.push(['X-Request-Id', requestId]);
    return headers;
  });
}

/** Bodies that are not JSON, or JSON the parser itself should refuse or choke on. */
const MALFORMED_TEXT = [
  '', ' ', '{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}', '[1,2', '{"a":NaN}', '{"a":Infinity}', '{"a":undefined}', '{a:1}', '/*c*/{}',
  '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":"\\ud800"}', '"\\ud800"', 'null', 'true', '0', '-0', '[]', '"text"', '\ufeff{}', '{"a":01}', '{"a":.5}', '{"a":+1}',
  '{"a":"line\nbreak"}', '{"a":"tab\there"}', 'a=1&b=2', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}',
] as const;

const MALFORMED_BYTES = [
  'ff', 'c080', '7b2261223a22eda080227d' /* {"a":"<raw surrogate bytes>"} */, 'feff007b007d', '00', '7b2261223a22c0af227d', 'e282', '7b2261223a22ff227d',
] as const;

const malformedBody = (): fc.Arbitrary<BodySpec | null> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...MALFORMED_TEXT).map((text): BodySpec => ({ kind: 'text', text })) },
    { weight: 3, arbitrary: fc.constantFrom(...MALFORMED_BYTES).map((hex): BodySpec => ({ kind: 'bytes', hex })) },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(1_048_577, 2_000_000).map((count): BodySpec => ({ kind: 'json', node: { kind: 'object', entries: [['name', { kind: 'long-string', prefix: '', unit: 'a', count, suffix: '' }]] } })),
    },
  );

function bodyArbitrary(operation: Operation, dictionary: Dictionary): fc.Arbitrary<BodySpec | null> {
  const random = randomNode().map((node): BodySpec => ({ kind: 'json', node }));
  if (!operation.body)
    return fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: random }, { weight: 1, arbitrary: malformedBody() });
  const shaped = fc
    .tuple(
      validNode(operation.body, dictionary),
      fc.oneof({ weight: 3, arbitrary: mutationArbitrary().map((mutation) => [mutation]) }, { weight: 1, arbitrary: fc.array(mutationArbitrary(), { minLength: 2, maxLength: 3 }) }),
    )
    .map(([node, mutations]): BodySpec => ({ kind: 'json', node: mutations.reduce(applyMutation, node) }));
  return fc.oneof({ weight: 10, arbitrary: shaped }, { weight: 2, arbitrary: random }, { weight: 1, arbitrary: malformedBody() });
}

/**
 * Who calls. Where the document says a token is needed, tokens that may do most writes come more
 * often (a refusal for want of a scope is the shallow answer); public reads are read by everyone.
 */
const SECURED_WEIGHTS: Record<Identity, number> = { anonymous: 1, admin: 5, write: 1, confidential: 1, reporter: 2, delegate: 3, secretariat: 2 };
const identityArbitrary = (operation: Operation) =>
  fc.oneof(...IDENTITIES.map((identity) => ({ weight: operation.secured ? SECURED_WEIGHTS[identity] : 1, arbitrary: fc.constant(identity) })));

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

type CompanionParts = [[string, Encoding][], string, BodySpec | null];

/** Which part of a request is hostile; the others look valid, so the hostile part reaches the code behind them. */
const FOCUSES = ['none', 'body', 'path', 'query', 'headers', 'all'] as const;
type Focus = (typeof FOCUSES)[number];

function focusArbitrary(operation: Operation): fc.Arbitrary<Focus> {
  const weights: Record<Focus, number> = {
    none: 3,
    body: operation.body ? 6 : 1,
    path: operation.pathParams.length > 0 ? 3 : 0,
    query: operation.queryParams.length > 0 ? 2 : 1,
    headers: 1,
    all: 2,
  };
  return fc.oneof(...FOCUSES.filter((focus) => weights[focus] > 0).map((focus) => ({ weight: weights[focus], arbitrary: fc.constant(focus) })));
}

/**
 * Requests derived from one operation of the document: each part (path, query, headers, body) is
 * drawn both valid-looking and hostile, and the case's focus says which parts are sent hostile —
 * one of them, none, or all at once.
 */
export function requestArbitrary(operation: Operation, dictionary: Dictionary, pathValues: PathValues): fc.Arbitrary<FuzzRequest> {
  const knownOrValid = (parameter: Parameter) => {
    const known = pathValues.get(`${operation.template}|${parameter.name}`) ?? [];
    return known.length > 0 ? fc.constantFrom(...known) : validParameter(parameter.schema, dictionary, parameter.name);
  };
  const tamePath = fc.tuple(...operation.pathParams.map((parameter) => fc.tuple(knownOrValid(parameter), fc.constant<Encoding>('encoded'))));
  const wildPath = fc.tuple(...operation.pathParams.map((parameter) => fc.tuple(pathValueArbitrary(operation, parameter, pathValues, dictionary), encodingArbitrary)));
  const tameQuery = fc
    .tuple(...operation.queryParams.map((parameter) => fc.option(fc.tuple(fc.constant(parameter.name), validParameter(parameter.schema, dictionary, parameter.name)), { freq: 2, nil: undefined })))
    .map((pairs) => {
      const present = pairs.filter((pair) => pair !== undefined);
      return present.length === 0 ? '' : `?${present.map(([name, value]) => `${encode(name, 'encoded')}=${encode(value, 'encoded')}`).join('&')}`;
    });
  const method = fc.oneof({ weight: 12, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) });
  const auth = fc.oneof({ weight: 6, arbitrary: fc.constant<AuthVariant>('token') }, { weight: 1, arbitrary: fc.constantFrom<AuthVariant>('lowercase-scheme', 'unknown-token', 'malformed') });
  const tameBody = operation.body ? validNode(operation.body, dictionary).map((node): BodySpec | null => ({ kind: 'json', node })) : fc.constant(null);
  const tameHeaders = (hasBody: boolean): [string, string][] => (hasBody ? [['Content-Type', 'application/json']] : []);
  return fc
    .record({
      focus: focusArbitrary(operation),
      identity: identityArbitrary(operation),
      tamePath,
      wildPath,
      tameQuery,
      wildQuery: queryArbitrary(operation, dictionary),
      tameBody,
      wildBody: bodyArbitrary(operation, dictionary),
      method,
      auth,
      wildHeadersWithBody: headersArbitrary(operation, true, dictionary),
      wildHeadersWithoutBody: headersArbitrary(operation, false, dictionary),
      companions: operation.body
        ? fc.oneof({ weight: 6, arbitrary: fc.constant<CompanionParts[]>([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(tamePath, tameQuery, tameBody), { minLength: 1, maxLength: 3 }) })
        : fc.constant<CompanionParts[]>([]),
    })
    .map((parts): FuzzRequest => {
      const wild = (part: Focus) => parts.focus === part || parts.focus === 'all';
      const params = wild('path') ? parts.wildPath : parts.tamePath;
      const body = wild('body') ? parts.wildBody : parts.tameBody;
      const values = Object.fromEntries(operation.pathParams.map((parameter, i) => [parameter.name, encode(params[i]![0], params[i]![1])]));
      const headers = wild('headers') ? (body !== null ? parts.wildHeadersWithBody : parts.wildHeadersWithoutBody) : tameHeaders(body !== null);
      const companions = parts.companions.map(([path, query, companionBody]): FuzzRequest => ({
        operation: operation.key,
        method: operation.method,
        identity: parts.identity,
        auth: 'token',
        target: fillTemplate(operation.template, Object.fromEntries(operation.pathParams.map((parameter, i) => [parameter.name, encode(path[i]![0], path[i]![1])]))) + query,
        headers: tameHeaders(companionBody !== null),
        body: companionBody,
      }));
      return {
        operation: operation.key,
        method: wild('headers') ? parts.method : operation.method,
        identity: parts.identity,
        auth: parts.identity === 'anonymous' || !wild('headers') ? 'token' : parts.auth,
        target: fillTemplate(operation.template, values) + (wild('query') ? parts.wildQuery : parts.tameQuery),
        headers,
        body,
        ...(companions.length > 0 ? { companions } : {}),
      };
    });
}

/** How often each operation is drawn: writes with a body have the most to get wrong. */
export function operationWeight(operation: Operation): number {
  if (operation.body) return 8;
  if (operation.method !== 'GET') return 3;
  return operation.pathParams.length > 0 || operation.queryParams.length > 0 ? 2 : 1;
}

/** Any request to any operation of the document. */
export function anyRequest(operations: Operation[], dictionaryFor: (operation: Operation) => Dictionary, pathValues: PathValues): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...operations.map((operation) => ({ weight: operationWeight(operation), arbitrary: requestArbitrary(operation, dictionaryFor(operation), pathValues) })));
}

