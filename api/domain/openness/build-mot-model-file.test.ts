import { describe, expect, it } from 'vitest';
import { buildMotModelFile, type MotReleaseInput } from './build-mot-model-file.ts';
import { evaluateOpenness } from './evaluate-openness.ts';
import { validateMotModelFile } from './mot-model-file.ts';
import { readMotModel } from './read-mot-model.ts';

const release: MotReleaseInput = {
  name: 'Demo-EU-7B',
  version: '0.1',
  date: '2026-05-01',
  type: 'language',
  architecture: 'transformer decoder',
  treatment: 'pre-trained',
  producer: 'Agora consortium',
  huggingface: 'https://huggingface.co/agora/demo-eu-7b',
  licences: { distribution: { name: 'Apache-2.0', path: 'https://example.org/LICENSE' }, document: { name: 'CC-BY-4.0' } },
  components: [
    { name: 'Evaluation results', location: 'https://example.org/evals' },
    { name: 'Model architecture', licence: 'MIT', licencePath: 'https://example.org/LICENSE-code' },
    { name: 'Model parameters (Final)', location: 'https://huggingface.co/agora/demo-eu-7b' },
    { name: 'Model card' },
    { name: 'Data card' },
    { name: 'Technical report', licence: 'unlicensed' },
    { name: 'Research paper' },
  ],
};

describe('buildMotModelFile', () => {
  it('writes a file that is valid against mof_schema.json and readable by the evaluator', () => {
    const file = buildMotModelFile(release);
    expect(validateMotModelFile(file)).toMatchObject({ valid: true });
    expect(readMotModel(file)).toMatchObject({ valid: true });
  });

  it('lists components in the tool\'s order with the framework\'s descriptions, leaving out what was not given', () => {
    const file = buildMotModelFile(release);
    expect(file.framework).toEqual({ name: 'Model Openness Framework', version: '1.0', date: '2024-12-15' });
    expect(file.release.components.map((component) => component.name)).toEqual([
      'Model architecture',
      'Model parameters (Final)',
      'Model card',
      'Data card',
      'Technical report',
      'Research paper',
      'Evaluation results',
    ]);
    expect(file.release.components[0]).toEqual({
      name: 'Model architecture',
      description: "Well commented code for the model's architecture",
      license: 'MIT',
      license_path: 'https://example.org/LICENSE-code',
    });
    expect(file.release.license).toEqual({
      distribution: { name: 'Apache-2.0', path: 'https://example.org/LICENSE' },
      document: { name: 'CC-BY-4.0', path: null },
    });
    expect(file.release).not.toHaveProperty('origin');
  });

  it('keeps "unlicensed" and inheritance, so the evaluation is what the tool would give', () => {
    const result = evaluateOpenness(buildMotModelFile(release));
    expect(result.class).toBe(3);
    expect(result.components.find((component) => component.name === 'Technical report')).toMatchObject({ licence: 'unlicensed', counts: false });
    expect(result.components.find((component) => component.name === 'Model card')).toMatchObject({ licence: 'CC-BY-4.0', licenceSource: 'global-type' });
  });
});
