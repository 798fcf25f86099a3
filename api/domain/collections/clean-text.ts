/**
 * Text from a collection tree is written by people and pipelines, not reviewed for the hub. Some
 * of it cannot be stored (the database refuses a NUL and strings that are not well-formed UTF-16)
 * and some of it hides from readers (control characters). The import replaces each such character
 * with U+FFFD and says where, so one odd string never costs a dataset or the whole import.
 */

export const REPLACEMENT = '\uFFFD';

/** Why a character was replaced, in the words of a warning. */
export const TEXT_FAULTS = ['a NUL character', 'an unpaired UTF-16 surrogate', 'a control character'] as const;
export type TextFault = (typeof TEXT_FAULTS)[number];

// C0 controls but tab, line feed and carriage return; DEL; C1 controls. NUL is told apart.
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** The text with every NUL, unpaired surrogate and control character replaced, and what was found. */
export function cleanText(text: string): { text: string; faults: TextFault[] } {
  const faults: TextFault[] = [];
  let clean = text;
  if (clean.includes('\0')) {
    faults.push('a NUL character');
    clean = clean.replaceAll('\0', REPLACEMENT);
  }
  if (!clean.isWellFormed()) {
    faults.push('an unpaired UTF-16 surrogate');
    clean = clean.toWellFormed();
  }
  if (CONTROL.test(clean)) {
    faults.push('a control character');
    clean = clean.replace(CONTROLS, REPLACEMENT);
  }
  return { text: clean, faults };
}

/** Where in a parsed file a string sits: object keys and array indexes from the top. */
export type ValuePath = (string | number)[];
export type TextReplacement = { path: ValuePath; faults: TextFault[] };

/**
 * A copy of a parsed YAML or JSON value with every string (object keys included) cleaned, and the
 * path of each string that changed. A cleaned key that meets another key keeps the later value.
 */
export function cleanValue(value: unknown, path: ValuePath = [], found: TextReplacement[] = []): { value: unknown; replacements: TextReplacement[] } {
  // The path reported is the cleaned one: a warning must not carry the character it warns about.
  const clean = (text: string, at: (cleaned: string) => ValuePath) => {
    const cleaned = cleanText(text);
    if (cleaned.faults.length > 0) found.push({ path: at(cleaned.text), faults: cleaned.faults });
    return cleaned.text;
  };
  if (typeof value === 'string') return { value: clean(value, () => path), replacements: found };
  if (Array.isArray(value)) return { value: value.map((item, index) => cleanValue(item, [...path, index], found).value), replacements: found };
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value).map(([key, inner]) => {
      const cleanKey = clean(key, (cleaned) => [...path, cleaned]);
      return [cleanKey, cleanValue(inner, [...path, cleanKey], found).value] as const;
    });
    return { value: Object.fromEntries(entries), replacements: found };
  }
  return { value, replacements: found };
}

/** `annotations.pii.owner`, `filters[0].kind`: a path as a reader of the file writes it. */
export function formatValuePath(path: ValuePath): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '');
}
