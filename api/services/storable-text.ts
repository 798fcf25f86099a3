/**
 * A parsed payload with every string made storable: lone surrogates and NUL become U+FFFD
 * (db/text-guard.ts refuses them). A signed delivery comes from GitHub, but the text in it was
 * written by anyone; it is kept, harmlessly, rather than refused and lost. Nesting deeper than
 * GitHub ever sends is cut, so a crafted payload cannot exhaust the stack.
 */
export function wellFormedDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storable(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((item) => wellFormedDeep(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[storable(key)] = wellFormedDeep(item, depth + 1);
  return result;
}

function storable(text: string): string {
  const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
  return wellFormed.includes('\u0000') ? wellFormed.replaceAll('\u0000', '\uFFFD') : wellFormed;
}
