import fc from 'fast-check';
import { HOSTILE_KEYS, hostileFragment, hostileNode, longStringNode, randomNode } from './hostile-values.ts';
import { nodesOf, replaceAt, type JsonNode } from './json-text.ts';

/**
 * One change to a schema-shaped body. `at` picks a place in the tree (modulo the number of places
 * the change applies to), so a mutation is plain data that fast-check can shrink and print.
 */
export type Mutation =
  /**
   * Put a hostile fragment before, after or inside a string: `step-1\ud800`. `everywhere`: into
   * every free-text string at once; otherwise into one, a free-text one unless `anyString`.
   */
  | { op: 'inject'; at: number; where: 'prefix' | 'suffix' | 'middle'; fragment: string; everywhere: boolean; anyString: boolean }
  /** Replace any value with a hostile one of any type. */
  | { op: 'replace'; at: number; value: JsonNode }
  /** Make a string very long, keeping its valid value as a prefix. */
  | { op: 'lengthen'; at: number; value: JsonNode }
  | { op: 'delete'; at: number }
  /** Add a property (prototype-pollution keys among them). */
  | { op: 'add'; at: number; key: string; value: JsonNode }
  /** Write a property a second time with another value: `{"id":"a","id":"\ud800"}`. */
  | { op: 'duplicate'; at: number; value: JsonNode; before: boolean };

export const mutationArbitrary = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        op: fc.constant('inject' as const),
        at: fc.nat(),
        where: fc.constantFrom('suffix' as const, 'prefix' as const, 'middle' as const),
        fragment: hostileFragment(),
        everywhere: fc.boolean(),
        anyString: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      }),
    },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileNode() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('lengthen' as const), at: fc.nat(), value: longStringNode() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.constantFrom(...HOSTILE_KEYS), value: randomNode() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), value: hostileNode(), before: fc.boolean() }) },
  );

function pick<T>(places: T[], at: number): T | undefined {
  return places.length === 0 ? undefined : places[at % places.length];
}

/** Applies one mutation; a mutation with no place to apply to leaves the tree as it is. */
export function applyMutation(root: JsonNode, mutation: Mutation): JsonNode {
  const all = nodesOf(root);
  switch (mutation.op) {
    case 'inject': {
      const strings = all.filter(({ node }) => node.kind === 'string');
      const free = strings.filter(({ node }) => node.kind === 'string' && node.free);
      const candidates = mutation.anyString || free.length === 0 ? strings : free;
      const inject = (node: JsonNode): JsonNode => {
        if (node.kind !== 'string') return node;
        const { value } = node;
        const half = Math.floor(value.length / 2);
        const next = mutation.where === 'prefix' ? mutation.fragment + value : mutation.where === 'suffix' ? value + mutation.fragment : value.slice(0, half) + mutation.fragment + value.slice(half);
        return { ...node, value: next };
      };
      if (mutation.everywhere) return candidates.reduce((tree, place) => replaceAt(tree, place.path, inject), root);
      const place = pick(candidates, mutation.at);
      return place ? replaceAt(root, place.path, inject) : root;
    }
    case 'replace': {
      const place = pick(all, mutation.at);
      return place ? replaceAt(root, place.path, () => mutation.value) : root;
    }
    case 'lengthen': {
      const place = pick(all.filter(({ node }) => node.kind === 'string'), mutation.at);
      if (!place || mutation.value.kind !== 'long-string') return root;
      const prefix = place.node.kind === 'string' ? place.node.value : '';
      return replaceAt(root, place.path, () => ({ ...(mutation.value as Extract<JsonNode, { kind: 'long-string' }>), prefix }));
    }
    case 'delete': {
      const place = pick(all.filter(({ node }) => node.kind === 'object' && node.entries.length > 0), mutation.at);
      if (!place || place.node.kind !== 'object') return root;
      const victim = mutation.at % place.node.entries.length;
      return replaceAt(root, place.path, (node) => (node.kind === 'object' ? { ...node, entries: node.entries.filter((_, i) => i !== victim) } : node));
    }
    case 'add': {
      const place = pick(all.filter(({ node }) => node.kind === 'object'), mutation.at);
      if (!place) return root;
      return replaceAt(root, place.path, (node) => (node.kind === 'object' ? { ...node, entries: [...node.entries, [mutation.key, mutation.value]] } : node));
    }
    case 'duplicate': {
      const place = pick(all.filter(({ node }) => node.kind === 'object' && node.entries.length > 0), mutation.at);
      if (!place || place.node.kind !== 'object') return root;
      const [key] = place.node.entries[mutation.at % place.node.entries.length]!;
      return replaceAt(root, place.path, (node) => {
        if (node.kind !== 'object') return node;
        const copy: [string, JsonNode] = [key, mutation.value];
        return { ...node, entries: mutation.before ? [copy, ...node.entries] : [...node.entries, copy] };
      });
    }
  }
}
