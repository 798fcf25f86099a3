import { z } from 'zod';
import type { FieldPresentation } from './form-specs.ts';

/** How an answer's text becomes the schema's value (decode-answer.ts). */
export type FieldValue =
  | { kind: 'text' }
  | { kind: 'number'; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'list'; style: 'lines' | 'comma' }
  /** An array of flat objects: one per line, the columns separated by commas. */
  | { kind: 'rows'; columns: string[] };

/** One schema field as a form field. */
export type FormField = {
  /** The element id: the path joined with "-" (GitHub allows letters, digits, "-" and "_"). */
  id: string;
  path: string[];
  label: string;
  description?: string;
  placeholder?: string;
  required: boolean;
  /** Every object around the field is required, so the parser builds them even when empty. */
  parentRequired: boolean;
  element: 'input' | 'textarea' | 'dropdown';
  /** What the dropdown shows, in the order of `value.values` for enums. */
  options?: string[];
  value: FieldValue;
};

/** The slice of JSON Schema that z.toJSONSchema writes for the filing schemas. */
type JsonNode = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonNode>;
  required?: string[];
  items?: JsonNode;
  maxLength?: number;
  description?: string;
};

/** Text longer than this may be asked in a textarea rather than a one-line input. */
const ONE_LINE_MAX = 300;
const ACRONYMS: Record<string, string> = { url: 'URL', pii: 'PII' };
export const BOOLEAN_OPTIONS = ['Yes', 'No'] as const;

/**
 * The fields of a form, in the schema's order, derived from the schema as JSON Schema of its input
 * (so `.default()` fields are optional): nested objects are flattened, enums and booleans become
 * dropdowns, arrays of strings a list, long text a textarea. The `type` literal is not asked: the
 * form is the type. Throws when the schema holds something a form cannot ask for, or when the
 * form's words name a field the schema no longer has: both are mistakes in the code, not input.
 */
export function deriveFormFields(schema: z.ZodType, words: Record<string, FieldPresentation> = {}): FormField[] {
  const root = z.toJSONSchema(schema, { io: 'input' }) as JsonNode;
  const fields: FormField[] = [];
  collect(root, [], true, words, fields);
  const known = new Set(fields.map((field) => field.path.join('.')));
  const stale = Object.keys(words).filter((path) => !known.has(path));
  if (stale.length > 0) throw new Error(`The form describes fields its schema does not have: ${stale.join(', ')}`);
  // A label is the heading GitHub writes for the answer: "###" or a line break in it would cut the body wrongly.
  const unfit = fields.find((field) => field.label.includes('###') || field.label.includes('\n'));
  if (unfit) throw new Error(`A form label cannot hold "###" or a line break: "${unfit.label}"`);
  for (const key of ['id', 'label'] as const) {
    const seen = new Set<string>();
    for (const field of fields) {
      if (seen.has(field[key])) throw new Error(`The form has two fields with the ${key} "${field[key]}"`);
      seen.add(field[key]);
    }
  }
  return fields;
}

function collect(node: JsonNode, path: string[], required: boolean, words: Record<string, FieldPresentation>, out: FormField[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (child.const !== undefined) continue;
    const childPath = [...path, key];
    const childRequired = required && (node.required ?? []).includes(key);
    if (child.type === 'object') collect(child, childPath, childRequired, words, out);
    else out.push(toField(child, childPath, childRequired, required, words[childPath.join('.')] ?? {}));
  }
}

function toField(node: JsonNode, path: string[], required: boolean, parentRequired: boolean, words: FieldPresentation): FormField {
  const value = valueOf(node, path, words);
  const description = words.overridesSchema ? words.description : (node.description ?? words.description);
  const field: FormField = {
    id: path.join('-'),
    path,
    label: words.label ?? humanise(path),
    ...(description === undefined ? {} : { description }),
    ...(words.placeholder === undefined ? {} : { placeholder: words.placeholder }),
    required,
    parentRequired,
    element: elementOf(node, value),
    value,
  };
  if (value.kind === 'boolean') field.options = [...BOOLEAN_OPTIONS];
  if (value.kind === 'enum') field.options = value.values.map((option) => words.options?.[option] ?? humaniseWord(option));
  return field;
}

function valueOf(node: JsonNode, path: string[], words: FieldPresentation): FieldValue {
  if (node.enum) return { kind: 'enum', values: node.enum.map(String) };
  if (node.type === 'string') return { kind: 'text' };
  if (node.type === 'integer' || node.type === 'number') return { kind: 'number', integer: node.type === 'integer' };
  if (node.type === 'boolean') return { kind: 'boolean' };
  if (node.type === 'array' && node.items?.type === 'string') return { kind: 'list', style: words.list ?? 'lines' };
  if (node.type === 'array' && node.items?.type === 'object') {
    const columns = Object.entries(node.items.properties ?? {});
    if (columns.every(([, column]) => column.type === 'string')) return { kind: 'rows', columns: columns.map(([name]) => name) };
  }
  throw new Error(`A form cannot ask for "${path.join('.')}" (${JSON.stringify(node).slice(0, 200)})`);
}

function elementOf(node: JsonNode, value: FieldValue): FormField['element'] {
  switch (value.kind) {
    case 'boolean':
    case 'enum':
      return 'dropdown';
    case 'rows':
      return 'textarea';
    case 'list':
      return value.style === 'lines' ? 'textarea' : 'input';
    case 'text':
      return (node.maxLength ?? 0) > ONE_LINE_MAX ? 'textarea' : 'input';
    case 'number':
      return 'input';
  }
}

/** `["organization", "registry_id"]` → "Organization: registry id". */
function humanise(path: string[]): string {
  const words = path.map((segment, index) => (index === 0 ? humaniseWord(segment) : humaniseWord(segment, false)));
  return words.join(': ');
}

function humaniseWord(segment: string, capital = true): string {
  const words = segment.split('_').map((word) => ACRONYMS[word] ?? word);
  const text = words.join(' ');
  return capital ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
