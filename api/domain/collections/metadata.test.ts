import { describe, expect, it } from 'vitest';
import { annotationState, datasetUrl, toAnnotations } from './metadata.ts';

describe('annotation states', () => {
  it.each([
    ['_to_do_', 'todo'],
    ['_todo_', 'todo'],
    ['To Do', 'todo'],
    ['done', 'done'],
    ['DONE', 'done'],
    [null, 'unknown'],
    [undefined, 'unknown'],
    ['in progress', 'unknown'],
  ])('%j → %s', (status, state) => expect(annotationState(status)).toBe(state));

  it('lists annotations by kind, keeping the status as written', () => {
    expect(toAnnotations({ pii: { owner: 'AI Sweden', status: '_todo_' }, contamination: { owner: 'Prompsit' } })).toEqual([
      { kind: 'contamination', owner: 'Prompsit', status: null, state: 'unknown' },
      { kind: 'pii', owner: 'AI Sweden', status: '_todo_', state: 'todo' },
    ]);
  });
});

describe('dataset metadata', () => {
  it('links the Hugging Face page unless a URL is given', () => {
    expect(datasetUrl({ huggingface: 'HuggingFaceFW/finepdfs' })).toBe('https://huggingface.co/datasets/HuggingFaceFW/finepdfs');
    expect(datasetUrl({ url: 'https://hplt-project.org/datasets/v3.0' })).toBe('https://hplt-project.org/datasets/v3.0');
  });
});
