import { describe, expect, it } from 'vitest';
import { isFullDate, validateMotModelFile } from './mot-model-file.ts';
import { readMotModel } from './read-mot-model.ts';

const valid = () => ({
  framework: { name: 'Model Openness Framework', version: '1.0', date: '2024-12-15' },
  release: {
    name: 'Demo-7B',
    version: '7B',
    date: '2026-05-01',
    type: 'language',
    architecture: 'transformer decoder',
    treatment: 'pre-trained',
    origin: 'Demo-7B',
    producer: 'Agora consortium',
    contact: '',
    repository: 'https://example.org/demo',
    license: { distribution: { name: 'Apache-2.0', path: 'LICENSE' }, data: { name: null, path: null } },
    components: [{ name: 'Model architecture', description: 'Code', license: 'MIT', license_path: 'LICENSE', component_path: 'src/' }],
  },
});

/** Applies `change` to a fresh valid file. */
function edited(change: (file: ReturnType<typeof valid>) => void): unknown {
  const file = valid();
  change(file);
  return file;
}

describe('validateMotModelFile (mof_schema.json)', () => {
  it('accepts a complete file, fields the schema does not name, and empty licence slots', () => {
    expect(validateMotModelFile(valid())).toMatchObject({ valid: true });
    expect(validateMotModelFile(edited((file) => Object.assign(file.release, { huggingface: 'https://huggingface.co/x', license: {} })))).toMatchObject({ valid: true });
  });

  const rejected: [what: string, value: unknown, path: string, message: RegExp][] = [
    ['not a mapping', 'framework: x', '', /expected a mapping with "framework" and "release"/],
    ['no framework', edited((file) => delete (file as Partial<typeof file>).framework), 'framework', /framework mapping/],
    ['another framework', edited((file) => ((file.framework as { name: string }).name = 'MOF')), 'framework.name', /expected "Model Openness Framework"/],
    ['an impossible date', edited((file) => (file.framework.date = '2025-02-29')), 'framework.date', /YYYY-MM-DD/],
    ['an empty model name', edited((file) => (file.release.name = '')), 'release.name', /model's name/],
    ['no producer', edited((file) => delete (file.release as Partial<typeof file.release>).producer), 'release.producer', /producing organisation/],
    ['no licence mapping', edited((file) => delete (file.release as Partial<typeof file.release>).license), 'release.license', /global licences/],
    ['a licence given as text', edited((file) => ((file.release.license as unknown as Record<string, unknown>).code = 'MIT')), 'release.license.code', /"name" and "path"/],
    ['an unknown model type', edited((file) => ((file.release as { type: string }).type = 'llm')), 'release.type', /one of "", "language"/],
    ['an unknown architecture', edited((file) => ((file.release as { architecture: string }).architecture = 'mamba')), 'release.architecture', /"transformer decoder"/],
    ['a number as version', edited((file) => ((file.release as { version: unknown }).version = 1.0)), 'release.version', /text/],
    ['components not a list', edited((file) => ((file.release as { components: unknown }).components = {})), 'release.components', /list of components/],
    ['a component licence as a number', edited((file) => ((file.release.components[0] as { license: unknown }).license = 2)), 'release.components[0].license', /licence id/],
    ['more than 17 components', edited((file) => ((file.release as { components: unknown }).components = Array.from({ length: 18 }, () => ({ name: 'Datasets' })))), 'release.components', /at most 17/],
  ];
  it.each(rejected)('refuses %s, naming %s', (_what, value, path, message) => {
    const result = validateMotModelFile(value);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('checks dates as the JSON-schema "date" format does', () => {
    expect(['2024-02-29', '2025-12-31', '2000-02-29'].every(isFullDate)).toBe(true);
    expect(['2025-02-29', '1900-02-29', '2025-13-01', '2025-1-01', '2025-01-00', '20250101', ''].some(isFullDate)).toBe(false);
  });
});

describe('readMotModel (what the evaluator accepts)', () => {
  it('accepts the framework\'s component names', () => {
    expect(readMotModel(valid())).toMatchObject({ valid: true });
  });

  it('refuses a name the framework does not define, listing the names it expects', () => {
    const result = readMotModel(edited((file) => file.release.components.push({ name: 'Weights' } as (typeof file.release.components)[number])));
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.problems).toEqual([{ path: 'release.components[1].name', message: expect.stringContaining('"Weights" is not a MOF component; expected one of "Datasets"') }]);
  });

  it('refuses a component without a name (the schema allows it, the evaluator cannot place it)', () => {
    const result = readMotModel(edited((file) => file.release.components.push({ description: 'x' } as (typeof file.release.components)[number])));
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.problems[0]?.path).toBe('release.components[1].name');
  });
});
