import { describe, expect, it } from 'vitest';
import { assembleCycle, type ParsedCycle, type ParsedDataset } from './assemble-cycle.ts';
import type { CountsFolder } from './counts-tree.ts';
import { parseDatamix } from './datamix.ts';
import type { StageCounts } from './stage-counts.ts';

const figures = (tokens: number): StageCounts => ({ files: 1, bytes: tokens * 4, documents: tokens / 10, segments: 1, tokens, characters: tokens * 4 });
const both = (tokens: number) => ({ source: figures(tokens * 2), release: figures(tokens) });

function tree(dataset: string, layout: Record<string, Partial<Record<'source' | 'release', StageCounts>>>): CountsFolder {
  const root: CountsFolder = { path: `${dataset}/counts`, name: 'counts', stages: layout[''] ?? {}, children: [] };
  for (const [path, stages] of Object.entries(layout)) {
    if (path === '') continue;
    let folder = root;
    for (const segment of path.split('/')) {
      let child = folder.children.find((candidate) => candidate.name === segment);
      if (!child) folder.children.push((child = { path: `${folder.path}/${segment}`, name: segment, stages: {}, children: [] }));
      folder = child;
    }
    folder.stages = stages;
  }
  return root;
}

const dataset = (id: string, counts: CountsFolder | null): ParsedDataset => ({
  id,
  description: { name: id.toUpperCase(), huggingface: `org/${id}`, url: `https://huggingface.co/datasets/org/${id}`, catalogue: null, annotations: [] },
  counts,
});

function cycle(datamix: string, datasets: ParsedDataset[], unreadable: string[] = []): ParsedCycle {
  return {
    id: 'test',
    metadata: { name: 'Test cycle', tokenizer: 'tok', dateLabel: null, settings: { release: null, sources: null } },
    datamix: parseDatamix(datamix).entries,
    datasets,
    unreadable: new Set(unreadable),
  };
}

describe('assembleCycle', () => {
  it('makes one part per datamix line and dataset totals from the whole counts folder', () => {
    const result = assembleCycle(
      cycle('0.5 web/megatron-lm\n0.3 multi/megatron-lm/fin_Latn\n0.2 multi/megatron-lm/parallel/x/swe_Latn\n', [
        dataset('web', tree('web', { '': both(100) })),
        dataset('multi', tree('multi', { fin_Latn: both(10), 'parallel/x/swe_Latn': both(5), 'parallel/x/ltg_Latn': both(1) })),
      ]),
    );
    expect(result.problems).toEqual([]);
    expect(result.parts.map((part) => [part.datasetId, part.part, part.language, part.weight, part.release?.tokens, part.source?.tokens])).toEqual([
      ['web', '', null, 0.5, 100, 200],
      ['multi', 'fin_Latn', 'fin_Latn', 0.3, 10, 20],
      ['multi', 'parallel/x/swe_Latn', 'swe_Latn', 0.2, 5, 10],
    ]);
    // Totals cover every counts folder, including one no line names.
    expect(result.datasets.map((d) => [d.datasetId, d.name, d.url, d.release?.tokens])).toEqual([
      ['multi', 'MULTI', 'https://huggingface.co/datasets/org/multi', 16],
      ['web', 'WEB', 'https://huggingface.co/datasets/org/web', 100],
    ]);
    expect(result.collection.warnings).toEqual([
      { code: 'unmixed_counts', path: 'multi/counts/parallel/x/ltg_Latn', message: expect.stringMatching(/no datamix\.txt line names it/) },
    ]);
  });

  it('keeps a missing stage null and says so', () => {
    const result = assembleCycle(cycle('1 d/megatron-lm/a\n', [dataset('d', tree('d', { a: { release: figures(3) } }))]));
    expect(result.parts[0]).toMatchObject({ source: null, release: { tokens: 3 } });
    expect(result.collection.warnings).toEqual([{ code: 'missing_stage', path: 'd/counts/a', message: 'd/counts/a: no source counts; source stays null' }]);
  });

  it('makes a missing dataset folder or counts folder a problem of that dataset, and leaves the dataset out', () => {
    const result = assembleCycle(
      cycle('0.5 ok/megatron-lm\n0.2 gone/megatron-lm/x\n0.3 holey/megatron-lm/a\n0.1 holey/megatron-lm/b\n', [
        dataset('ok', tree('ok', { '': both(1) })),
        dataset('holey', tree('holey', { a: both(1) })),
      ]),
    );
    expect(result.problems).toEqual([
      { file: 'datamix.txt', line: 2, dataset: 'gone', message: 'names "gone/megatron-lm/x" but there is no dataset folder "gone"' },
      { file: 'holey/counts/b', dataset: 'holey', message: 'datamix.txt line 4 names "holey/megatron-lm/b" but this counts folder is missing' },
    ]);
    expect(result.datasets.map((d) => d.datasetId)).toEqual(['ok']);
    expect(result.parts.map((p) => p.datasetId)).toEqual(['ok']);
  });

  it('records a dataset no line names without parts, and ignores lines of unreadable datasets', () => {
    const result = assembleCycle(cycle('1 broken/megatron-lm\n', [dataset('spare', tree('spare', { '': both(2) }))], ['broken']));
    expect(result.problems).toEqual([]);
    expect(result.datasets.map((d) => [d.datasetId, d.release?.tokens])).toEqual([['spare', 2]]);
    expect(result.collection.warnings.map((w) => w.code)).toEqual(['not_in_mix']);
  });

  it('warns once per dataset about counts made with another tokenizer', () => {
    const counts = tree('d', { a: both(1), b: both(1) });
    for (const child of counts.children) child.tokenizers = { release: 'other-tok' };
    const result = assembleCycle(cycle('1 d/megatron-lm/a\n1 d/megatron-lm/b\n', [dataset('d', counts)]));
    expect(result.collection.warnings).toEqual([
      { code: 'tokenizer_mismatch', path: 'd', message: 'd: 2 counts files (e.g. d/counts/a/release.json) count tokens with "other-tok", not the cycle\'s "tok"' },
    ]);
  });
});
