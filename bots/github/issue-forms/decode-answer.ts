import { BOOLEAN_OPTIONS, type FormField } from './form-fields.ts';
import type { FieldAnswer } from './read-issue-answers.ts';

/** A field's answer as the schema's value; `absent` leaves the key out, so defaults apply. */
export type DecodedAnswer = { value: unknown } | { absent: true } | { problem: string };

const ABSENT = { absent: true } as const;
/**
 * Whole numbers: digits, optionally grouped in threes by "," or "_" (one kind per number), so
 * "1,200,000" and "1_200_000" read as 1200000 while "1,5" (a decimal comma) is refused, not 15.
 */
const WHOLE_NUMBER = /^-?(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+)$/;
const DECIMAL_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Reads one answer the way the form's description told the filer to write it (build-issue-form.ts). */
export function decodeAnswer(field: FormField, answer: FieldAnswer): DecodedAnswer {
  if (Array.isArray(answer)) return decodeChoice(field, answer);
  const text = typeof answer === 'string' ? answer.trim() : '';
  const value = field.value;
  switch (value.kind) {
    case 'list':
      return { value: splitList(text, value.style) };
    case 'rows':
      return { value: lines(text).map((line) => toRow(line, value.columns)) };
    case 'number':
      return text === '' ? ABSENT : decodeNumber(text, value.integer);
    case 'boolean':
    case 'enum':
      // An edited body can turn a dropdown's section into free text: read it as the one choice.
      return text === '' ? ABSENT : decodeChoice(field, [text]);
    case 'text':
      return text === '' ? ABSENT : { value: text };
  }
}

function decodeChoice(field: FormField, chosen: string[]): DecodedAnswer {
  if (chosen.length === 0) return field.value.kind === 'list' ? { value: [] } : ABSENT;
  if (field.value.kind !== 'enum' && field.value.kind !== 'boolean') return decodeAnswer(field, chosen.join(', '));
  if (chosen.length > 1) return { problem: `expected one choice, got ${chosen.length}: ${chosen.map(quote).join(', ')}` };
  const options = field.options ?? [];
  const values: unknown[] = field.value.kind === 'boolean' ? [true, false] : field.value.values;
  const wanted = chosen[0]!.trim().toLowerCase();
  // The option as shown, or the value itself (an answer typed by hand into an edited issue).
  const index = options.findIndex((option, at) => option.toLowerCase() === wanted || String(values[at]).toLowerCase() === wanted);
  if (index >= 0) return { value: values[index] };
  const expected = field.value.kind === 'boolean' ? BOOLEAN_OPTIONS.map(quote).join(' or ') : `one of ${options.map(quote).join(', ')}`;
  return { problem: `expected ${expected}, got ${quote(chosen[0]!)}` };
}

function decodeNumber(text: string, integer: boolean): DecodedAnswer {
  if (integer ? WHOLE_NUMBER.test(text) : DECIMAL_NUMBER.test(text)) return { value: Number(text.replace(/[,_]/g, '')) };
  const how = integer ? 'a whole number in digits, with "," or "_" between groups of three if you like (e.g. 1,200,000)' : 'a number in digits (e.g. 12.5)';
  return { problem: `expected ${how}, got ${quote(text)}` };
}

/** List items: one per line (a leading "- ", "* " or "+ " is Markdown, not part of the item), or separated by commas, semicolons or spaces. */
function splitList(text: string, style: 'lines' | 'comma'): string[] {
  if (style === 'comma') return text.split(/[\s,;]+/).filter(Boolean);
  return lines(text).map((line) => line.replace(/^[-*+]\s+/, '').trim()).filter(Boolean);
}

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** "Example Holdings, Ltd, US" → { name: "Example Holdings, Ltd", country: "US" }: the first column takes the extra commas. */
function toRow(line: string, columns: string[]): Record<string, string> {
  const cells = line.replace(/^[-*+]\s+/, '').split(',');
  const tail = cells.splice(Math.max(1, cells.length - (columns.length - 1)));
  const values = [cells.join(','), ...tail].map((cell) => cell.trim());
  const row: Record<string, string> = {};
  columns.forEach((column, index) => {
    if (values[index]) row[column] = values[index];
  });
  return row;
}

function quote(text: string): string {
  const clipped = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `"${clipped}"`;
}
