/**
 * Words for what the dataset cards say. Redistribution has three answers, each with a mark so the
 * meaning does not rest on colour: the AI Act expects data that may not be redistributed to be
 * open to inspection on request.
 */
export function redistributionText(redistributable: boolean | null): { label: string; mark: string; kind: 'yes' | 'inspection' | 'unknown'; detail: string } {
  if (redistributable === true) return { label: 'Redistributable', mark: '✓', kind: 'yes', detail: 'may be redistributed under its licence' };
  if (redistributable === false)
    return { label: 'Inspection only', mark: '⊘', kind: 'inspection', detail: 'may not be redistributed; open to inspection on request' };
  return { label: 'Not yet assessed', mark: '?', kind: 'unknown', detail: 'whether it may be redistributed has not been assessed yet' };
}

export const ANNOTATION_STATE: Record<'todo' | 'done' | 'unknown', string> = {
  done: '✓ done',
  todo: '○ to do',
  unknown: '? unknown',
};

/** What the content of a dataset is, per its card. */
export function contentText(content: 'text' | 'code' | null, cardLanguage: string | null, languageName: (code: string) => string): string {
  if (content === 'code') return 'source code';
  if (content === 'text') return cardLanguage ? `text (${languageName(cardLanguage)} by its card, where parts name no language)` : 'text';
  return 'no dataset card yet';
}
