import { describe, expect, it } from 'vitest';
import { describeDataset } from './describe-dataset.ts';
import type { MetadataFile } from './metadata-fields.ts';

/** A metadata.yaml as the reader hands it over; each top-level field sits on its own line, in order. */
const file = (raw: Record<string, unknown>): MetadataFile => {
  const keys = Object.keys(raw);
  return { file: 'ds-1.0/metadata.yaml', raw, lineOf: (path) => (path.length && keys.includes(String(path[0])) ? keys.indexOf(String(path[0])) + 1 : undefined) };
};
const describeRaw = (raw: Record<string, unknown>) => describeDataset('ds-1.0', file(raw));
const codes = (raw: Record<string, unknown>) => describeRaw(raw).warnings.map((warning) => warning.code);

describe('describeDataset', () => {
  it('takes name, source, catalogue and annotations as written, and leaves every other key alone', () => {
    const { description, warnings } = describeRaw({
      name: 'HPLT 3.1',
      url: 'https://hplt-project.org/datasets/v3.1',
      catalogue: 'hplt/3.1',
      annotations: { pii: { owner: 'AI Sweden', status: '_to_do_' } },
      mask: 'pii',
      filters: [{ kind: 'langid' }],
      release: { default: { shard: '80md' }, fin_Latn: { sample: 'full' } },
      sample: { default: { size: 1000 } },
    });
    expect(description).toEqual({
      name: 'HPLT 3.1',
      url: 'https://hplt-project.org/datasets/v3.1',
      huggingface: null,
      catalogue: 'hplt/3.1',
      annotations: [{ kind: 'pii', owner: 'AI Sweden', status: '_to_do_', state: 'todo' }],
    });
    expect(warnings).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an empty name', { name: '', huggingface: 'a/b' }, ['name_missing']],
    ['a blank name', { name: '   ', huggingface: 'a/b' }, ['name_missing']],
    ['no name', { huggingface: 'a/b' }, ['name_missing']],
    ['a null name', { name: null, huggingface: 'a/b' }, ['name_missing']],
    ['huggingface: null and no url', { name: 'X', huggingface: null }, ['source_unknown']],
    ['neither huggingface nor url', { name: 'X' }, ['source_unknown']],
    ['huggingface: null but a url', { name: 'X', huggingface: null, url: 'https://example.org/x' }, []],
    ['a number as name', { name: 2024, huggingface: 'a/b' }, []],
  ])('%s is a warning, never a refusal', (_case, raw, expected) => {
    expect(codes(raw)).toEqual(expected);
    expect(describeRaw(raw).description.name).toBe(expected.includes('name_missing') ? 'ds-1.0' : String(raw.name));
  });

  it('says which field is missing or empty, where, and what stands in', () => {
    expect(describeRaw({ name: '', huggingface: 'a/b' }).warnings[0]!.message).toBe(
      'ds-1.0/metadata.yaml:1: field "name" is empty; the dataset is named after its folder, "ds-1.0"',
    );
    expect(describeRaw({ huggingface: 'a/b' }).warnings[0]!.message).toBe('ds-1.0/metadata.yaml: field "name" is missing; the dataset is named after its folder, "ds-1.0"');
  });

  it('ignores a field of the wrong shape with a warning naming file, line, field, expectation and value', () => {
    const { description, warnings } = describeRaw({ name: 'X', huggingface: 'not a repo', url: 'javascript:alert(1)', annotations: { pii: 'done', contamination: { owner: 'Prompsit' } } });
    expect(description).toMatchObject({ url: null, huggingface: null, annotations: [{ kind: 'contamination', owner: 'Prompsit', status: null, state: 'unknown' }] });
    expect(warnings.map((warning) => warning.message)).toEqual([
      'ds-1.0/metadata.yaml:2: field "huggingface": expected a Hugging Face repository such as "HuggingFaceFW/finepdfs", got "not a repo"; ignored',
      'ds-1.0/metadata.yaml:3: field "url": expected an http(s) URL, got "javascript:alert(1)"; ignored',
      'ds-1.0/metadata.yaml: neither "huggingface" nor "url" says where the dataset comes from; its source is shown as unknown',
      'ds-1.0/metadata.yaml:4: field "annotations.pii": expected "owner" and "status" under the task, got "done"; ignored',
    ]);
  });

  it('keeps HTML in displayed text as text, with a warning', () => {
    const { description, warnings } = describeRaw({ name: '<script>alert(1)</script>', huggingface: 'a/b', annotations: { pii: { owner: '<b>me</b>' } } });
    expect(description.name).toBe('<script>alert(1)</script>');
    expect(warnings.map((warning) => [warning.code, warning.message.split(':')[0]])).toEqual([
      ['markup_in_text', 'ds-1.0/metadata.yaml'],
      ['markup_in_text', 'ds-1.0/metadata.yaml'],
    ]);
    expect(warnings[1]!.message).toMatch(/field "annotations\.pii\.owner" looks like HTML \(<b>\)/);
    expect(codes({ name: 'a < b > c', huggingface: 'a/b' })).toEqual([]);
  });

  it('names a dataset without metadata.yaml after its folder, its source unknown, with one warning', () => {
    expect(describeDataset('opus-mt-0.2', null)).toEqual({
      description: { name: 'opus-mt-0.2', url: null, huggingface: null, catalogue: null, annotations: [] },
      warnings: [{ code: 'metadata_missing', path: 'opus-mt-0.2/metadata.yaml', message: expect.stringMatching(/^opus-mt-0\.2\/metadata\.yaml: missing; the datamix names this dataset/) }],
    });
  });
});
