/**
 * A JSON document as the fuzzer builds it: a tree that can say what `JSON.stringify` cannot —
 * duplicate keys, `__proto__` as a plain key, number tokens out of any range (`1e999`), strings of a
 * hundred thousand characters or arrays nested fifty thousand deep kept small in memory, and
 * non-ASCII written raw (UTF-8) or escaped (`\ud800`). Serialising it gives the exact text sent.
 */
export type JsonNode =
  | { kind: 'null' }
  | { kind: 'boolean'; value: boolean }
  /** A number token written as is: `1e999`, `-0`, `18446744073709551616` are all valid JSON. */
  | { kind: 'number'; token: string }
  /**
   * `escape`: every non-ASCII character as `\uXXXX` (ASCII-only text), or raw UTF-8 where allowed.
   * `free`: the schema lets this string hold any text (no enum, pattern or format), so text put
   * into it keeps the request valid.
   */
  | { kind: 'string'; value: string; escape: boolean; free?: boolean }
  /** `unit` repeated `count` times, between affixes: very long strings stay cheap to shrink and print. */
  | { kind: 'long-string'; prefix: string; unit: string; count: number; suffix: string }
  | { kind: 'array'; items: JsonNode[] }
  /** Entries in order; a key may repeat, and `__proto__` is just a key. */
  | { kind: 'object'; entries: [string, JsonNode][] }
  /** `[[[…]]]` or `{"a":{"a":…}}` `depth` levels deep around `inner`. */
  | { kind: 'nested'; shape: 'array' | 'object'; depth: number; inner: JsonNode };

export const jsonNull: JsonNode = { kind: 'null' };
export const jsonString = (value: string, escape = false): JsonNode => ({ kind: 'string', value, escape });
export const jsonNumber = (value: number | string): JsonNode => ({ kind: 'number', token: typeof value === 'number' ? numberToken(value) : value });
export const jsonBoolean = (value: boolean): JsonNode => ({ kind: 'boolean', value });

function numberToken(value: number): string {
  if (Object.is(value, -0)) return '-0';
  return Number.isFinite(value) ? String(value) : value > 0 ? '1e999' : '-1e999';
}

/** A plain JavaScript value as a node (what a schema-derived generator produces). */
export function fromValue(value: unknown): JsonNode {
  if (value === null || value === undefined) return jsonNull;
  if (typeof value === 'boolean') return jsonBoolean(value);
  if (typeof value === 'number') return jsonNumber(value);
  if (typeof value === 'string') return jsonString(value);
  if (Array.isArray(value)) return { kind: 'array', items: value.map(fromValue) };
  return { kind: 'object', entries: Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, fromValue(item)]) };
}

/** A JSON string literal; `escape` writes every non-ASCII UTF-16 unit as `\uXXXX` (lone surrogates included). */
export function quote(value: string, escape: boolean): string {
  // JSON.stringify escapes control characters and lone surrogates (well-formed stringify).
  const text = JSON.stringify(value);
  return escape ? text.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/** The text of a node, exactly as it goes on the wire. */
export function serialize(node: JsonNode): string {
  const parts: string[] = [];
  write(node, parts);
  return parts.join('');
}

function write(node: JsonNode, out: string[]): void {
  switch (node.kind) {
    case 'null':
      out.push('null');
      return;
    case 'boolean':
      out.push(String(node.value));
      return;
    case 'number':
      out.push(node.token);
      return;
    case 'string':
      out.push(quote(node.value, node.escape));
      return;
    case 'long-string': {
      const unit = quote(node.unit, true).slice(1, -1);
      out.push(quote(node.prefix, true).slice(0, -1), unit.repeat(node.count), quote(node.suffix, true).slice(1));
      return;
    }
    case 'array':
      out.push('[');
      node.items.forEach((item, i) => {
        if (i > 0) out.push(',');
        write(item, out);
      });
      out.push(']');
      return;
    case 'object':
      out.push('{');
      node.entries.forEach(([key, value], i) => {
        if (i > 0) out.push(',');
        out.push(quote(key, false), ':');
        write(value, out);
      });
      out.push('}');
      return;
    case 'nested':
      out.push(node.shape === 'array' ? '['.repeat(node.depth) : '{"a":'.repeat(node.depth));
      write(node.inner, out);
      out.push(node.shape === 'array' ? ']'.repeat(node.depth) : '}'.repeat(node.depth));
  }
}

/** Children of a node with their position, for mutations that pick a place in the tree. */
function children(node: JsonNode): JsonNode[] {
  if (node.kind === 'array') return node.items;
  if (node.kind === 'object') return node.entries.map(([, value]) => value);
  if (node.kind === 'nested') return [node.inner];
  return [];
}

/** Every node of the tree, depth first, root first, each with the path of child indexes to it. */
export function nodesOf(root: JsonNode): { node: JsonNode; path: number[] }[] {
  const found: { node: JsonNode; path: number[] }[] = [];
  const visit = (node: JsonNode, path: number[]) => {
    found.push({ node, path });
    children(node).forEach((child, i) => visit(child, [...path, i]));
  };
  visit(root, []);
  return found;
}

/** A copy of `root` with the node at `path` replaced by what `change` makes of it. */
export function replaceAt(root: JsonNode, path: number[], change: (node: JsonNode) => JsonNode): JsonNode {
  if (path.length === 0) return change(root);
  const [head, ...rest] = path as [number, ...number[]];
  if (root.kind === 'array') return { ...root, items: root.items.map((item, i) => (i === head ? replaceAt(item, rest, change) : item)) };
  if (root.kind === 'object')
    return { ...root, entries: root.entries.map(([key, value], i): [string, JsonNode] => (i === head ? [key, replaceAt(value, rest, change)] : [key, value])) };
  if (root.kind === 'nested') return { ...root, inner: replaceAt(root.inner, rest, change) };
  return root;
}

/**
 * A JavaScript expression that evaluates to the serialised text, for reproductions of bodies too
 * long to print: long strings and deep nesting become `.repeat(n)`.
 */
export function sourceOf(node: JsonNode): string {
  const parts: { text: string; times: number }[] = [];
  const literal = (text: string) => {
    const last = parts.at(-1);
    if (last && last.times === 1) last.text += text;
    else parts.push({ text, times: 1 });
  };
  const visit = (n: JsonNode) => {
    if (n.kind === 'long-string') {
      literal(quote(n.prefix, true).slice(0, -1));
      parts.push({ text: quote(n.unit, true).slice(1, -1), times: n.count });
      literal(quote(n.suffix, true).slice(1));
    } else if (n.kind === 'nested') {
      parts.push({ text: n.shape === 'array' ? '[' : '{"a":', times: n.depth });
      visit(n.inner);
      parts.push({ text: n.shape === 'array' ? ']' : '}', times: n.depth });
    } else if (n.kind === 'array') {
      literal('[');
      n.items.forEach((item, i) => {
        if (i > 0) literal(',');
        visit(item);
      });
      literal(']');
    } else if (n.kind === 'object') {
      literal('{');
      n.entries.forEach(([key, value], i) => {
        if (i > 0) literal(',');
        literal(`${quote(key, false)}:`);
        visit(value);
      });
      literal('}');
    } else literal(serialize(n));
  };
  visit(node);
  return parts.map((part) => (part.times === 1 ? JSON.stringify(part.text) : `${JSON.stringify(part.text)}.repeat(${part.times})`)).join(' + ');
}
