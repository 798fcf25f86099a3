import { describe, expect, it } from 'vitest';
import { countsOf, findFolder, type CountsFolder } from './counts-tree.ts';
import type { StageCounts } from './stage-counts.ts';

const figures = (tokens: number, documents = tokens / 10, bytes = tokens * 4): StageCounts => ({
  files: 1,
  bytes,
  documents,
  segments: 1,
  tokens,
  characters: tokens * 4,
});

/** A folder from a compact description: own stage files and children. */
function folder(path: string, own: Partial<Record<'source' | 'release', StageCounts>>, children: CountsFolder[] = []): CountsFolder {
  return { path, name: path.split('/').at(-1)!, stages: own, children };
}

const shard = (name: string, tokens: number) => folder(`d/counts/${name}`, { source: figures(tokens) });

describe('the stage rule', () => {
  it.each([
    {
      name: 'a folder with its own file: that file',
      tree: folder('d/counts', { source: figures(100) }),
      tokens: 100,
      files: 1,
      warnings: [],
    },
    {
      name: 'no own file: the sum of its subfolders',
      tree: folder('d/counts', {}, [shard('a', 10), shard('b', 20)]),
      tokens: 30,
      files: 2,
      warnings: [],
    },
    {
      name: 'recursively, each subfolder by the same rule',
      tree: folder('d/counts', {}, [folder('d/counts/g1', {}, [shard('g1/l1', 1), shard('g1/l2', 2)]), folder('d/counts/g2', { source: figures(40) }, [shard('g2/l1', 40)])]),
      tokens: 43,
      files: 3,
      warnings: [],
    },
    {
      name: 'an aggregate beside shards is not added to them; a disagreement is reported with both figures',
      tree: folder('d/counts', { source: figures(990) }, [shard('a', 500), shard('b', 500)]),
      tokens: 990,
      files: 1,
      warnings: [{ code: 'aggregate_mismatch', path: 'd/counts', message: /990 tokens .* 2 source\.json files below it add up to 1,000 tokens .*1\.01% apart/ }],
    },
    {
      name: 'an aggregate that agrees with its shards says nothing',
      tree: folder('d/counts', { source: figures(1000) }, [shard('a', 500), shard('b', 500)]),
      tokens: 1000,
      files: 1,
      warnings: [],
    },
    {
      name: 'a stage nowhere in the tree is null, never 0',
      tree: folder('d/counts', { release: figures(5) }, [folder('d/counts/a', { release: figures(5) })]),
      tokens: null,
      files: 0,
      warnings: [],
    },
    {
      name: 'subfolders without the stage are left out of the sum and named',
      tree: folder('d/counts', {}, [shard('a', 10), folder('d/counts/b', { release: figures(3) })]),
      tokens: 10,
      files: 1,
      warnings: [{ code: 'partial_sum', path: 'd/counts', message: /summed from 1 of 2 subfolders; b has none/ }],
    },
  ])('$name', ({ tree, tokens, files, warnings }) => {
    const result = countsOf(tree, 'source');
    expect(result.counts?.tokens ?? null).toBe(tokens);
    expect(result.files).toBe(files);
    expect(result.warnings).toEqual(warnings.map((warning) => ({ ...warning, message: expect.stringMatching(warning.message) })));
  });

  it('finds folders by path segments', () => {
    const tree = folder('d/counts', {}, [folder('d/counts/parallel', {}, [folder('d/counts/parallel/tower9b', {})])]);
    expect(findFolder(tree, [])).toBe(tree);
    expect(findFolder(tree, ['parallel', 'tower9b'])?.path).toBe('d/counts/parallel/tower9b');
    expect(findFolder(tree, ['parallel', 'tower72b'])).toBeNull();
  });
});
