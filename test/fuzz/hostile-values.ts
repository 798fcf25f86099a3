import fc from 'fast-check';
import { jsonBoolean, jsonNull, jsonNumber, jsonString, type JsonNode } from './json-text.ts';

/**
 * What a hostile or careless client sends. Each family is a named list so that a reproduction
 * reads as what it is; the arbitraries below mix them, cut them into valid values and repeat them.
 */
export const ODD_UNICODE = [
  '\ud800', '\udfff', '\udc00\ud800', 'a\ud800b', 'step-\ud83d', '\ud83d\ude00\ud800',
  '\u0000', 'a\u0000b', '\u0007\u0008', '\u001b[31mred\u001b[0m', '\r\n', 'a\rb', '\t', '\u007f', '\u0085',
  '\u202e', '\u202egnp.exe', '\u2066isolate\u2069', '\u200f', '\u200b', '\u200d', '\ufeff', '\u2028', '\u2029', '\ufffe', '\uffff', '\ufffd',
  '😀', '👨‍👩‍👧‍👦', '🇪🇺', '🏳️‍🌈', '𝕬𝖌𝖔𝖗𝖆',
  'e\u0301', 'Z̴̡̛͇̘a̶͚͋l̸g̷o̸', `a${'\u0301'.repeat(200)}`, 'é', 'Å', 'ﬁ', 'ｓｅｌｅｃｔ', 'аdmin', 'ß', 'İ', '١٢٣', 'مرحبا', 'שלום', '中文', '\u3000',
] as const;

export const INJECTIONS = [
  "' OR '1'='1", "'; DROP TABLE ledger_entries; --", '" OR ""="', '1; SELECT sqlite_version()', "' UNION SELECT secret_hash FROM api_tokens --",
  '%', '_', '%_%', '\\', "'", '"', '`', '?', '?1', ':name', '$1', "json_extract('{}', '$')", 'x\') --',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '<!--', ']]>', '</textarea>', '{{7*7}}', '${7*7}', '<%= 7*7 %>',
  '../../../../etc/passwd', '..\\..\\windows\\win.ini', '%2e%2e%2f', '..%2f..%2f', '/', '//', '.', '..', '%00', '%', '%zz', '%ud800', 'file:///etc/passwd', '\\\\server\\share',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'then', '__defineGetter__',
  '%s%s%s%n', '%x', '{0}', '\\u0000', '\\ud800', '$(id)', '`id`', ';id', '|id', '$HOME',
  'NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x10', '9007199254740993', '１２３', '', ' ', '  padded  ', 'null', 'undefined', 'true', '[]', '{}', 'CON', 'NUL',
] as const;

/** Keys that should be just keys: prototype pollution, empty, odd Unicode, very long. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'a\u0000b', '\ud800', '\u202eid', '$where', 'id ', 'ID', 'k'.repeat(10_000)] as const;

/** Valid JSON number tokens outside the ranges a schema allows, or that lose precision. */
export const NUMBER_TOKENS = [
  '-1', '0', '-0', '0.0', '1.5', '-1.5', '1e999', '-1e999', '1e-999', '5e-324', '1.7976931348623157e308', '1e21', '1E2', '0.1e1',
  '2147483648', '4294967296', '9007199254740992', '9007199254740993', '18446744073709551616', '9223372036854775807', '-9223372036854775809',
  '123456789012345678901234567890', '0.000000000000000000000000000001',
] as const;

/** Strings, numbers, and JSON values of the wrong type for whatever field they land in. */
export const WRONG_TYPES: JsonNode[] = [
  jsonNull, jsonBoolean(true), jsonBoolean(false), jsonNumber(0), jsonNumber(1), jsonString(''), jsonString('1'), jsonString('true'),
  { kind: 'array', items: [] }, { kind: 'array', items: [jsonNumber(1)] }, { kind: 'object', entries: [] }, { kind: 'object', entries: [['a', jsonNumber(1)]] },
];

/** Units that long strings repeat: each is costly in a different way (bytes, code units, graphemes, escapes). */
const LONG_UNITS = ['a', '😀', 'é', '\u0301', '\ud800', '\u0000', '<', '%', '\u202e'] as const;

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ODD_UNICODE) },
    { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ODD_UNICODE), fc.constantFrom(...INJECTIONS)).map(([a, b]) => a + b) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...LONG_UNITS), fc.constantFrom(101, 201, 1001, 5000)).map(([unit, n]) => unit.repeat(n)) },
  );

/** What breaks storage and hashing most often: UTF-16 that is not Unicode, and NUL. */
export const LONE_SURROGATES_AND_NUL = ['\ud800', '\udfff', '\udc00\ud800', '\ud83d', '\u0000', 'a\u0000'] as const;

/** A fragment to put inside an otherwise valid string. */
export const hostileFragment = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES_AND_NUL) },
    { weight: 3, arbitrary: fc.constantFrom(...ODD_UNICODE) },
    { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  );

/** A string of 10² to 3·10⁵ units, as a compact node; `around` keeps a valid value inside it. */
export const longStringNode = (around = ''): fc.Arbitrary<JsonNode> =>
  fc
    .record({ unit: fc.constantFrom(...LONG_UNITS), count: fc.constantFrom(101, 201, 301, 1001, 2001, 5001, 10_001, 100_000, 300_000) })
    .map(({ unit, count }): JsonNode => ({ kind: 'long-string', prefix: around, unit, count, suffix: '' }));

export const deepNode = (): fc.Arbitrary<JsonNode> =>
  fc
    .record({ shape: fc.constantFrom('array' as const, 'object' as const), depth: fc.constantFrom(64, 512, 5_000, 50_000, 150_000) })
    .map(({ shape, depth }): JsonNode => ({ kind: 'nested', shape, depth, inner: jsonNull }));

/** A value of any shape for any field: hostile strings and numbers, wrong types, depth, length. */
export const hostileNode = (): fc.Arbitrary<JsonNode> =>
  fc.oneof(
    { weight: 5, arbitrary: hostileString().map((value) => jsonString(value)) },
    { weight: 2, arbitrary: hostileString().map((value) => jsonString(value, true)) },
    { weight: 3, arbitrary: fc.constantFrom(...NUMBER_TOKENS).map((token) => jsonNumber(token)) },
    { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPES) },
    { weight: 1, arbitrary: longStringNode() },
    { weight: 1, arbitrary: deepNode() },
  );

/** A random JSON tree whose leaves and keys are hostile. */
export const randomNode = (): fc.Arbitrary<JsonNode> =>
  fc.letrec<{ node: JsonNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: hostileNode() },
      { weight: 1, arbitrary: fc.array(tie('node'), { maxLength: 4 }).map((items): JsonNode => ({ kind: 'array', items })) },
      {
        weight: 2,
        arbitrary: fc
          .array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), tie('node')), { maxLength: 5 })
          .map((entries): JsonNode => ({ kind: 'object', entries })),
      },
    ),
  })).node;
