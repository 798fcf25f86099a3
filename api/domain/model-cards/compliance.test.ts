import { describe, expect, it } from 'vitest';
import { ANNEX_XI_XII_FIELDS, checkAiActCompleteness } from './ai-act-completeness.ts';
import { modelCardFrontMatterSchema, type ModelCardFrontMatter } from './card-schema.ts';
import { classifyCompute } from './compute-thresholds.ts';
import { checkOpenSourceExemption } from './open-source-exemption.ts';

const complete: ModelCardFrontMatter = modelCardFrontMatterSchema.parse({
  model: 'm-1',
  family: { id: 'm', name: 'M' },
  version: '1',
  name: 'M 1',
  status: 'candidate',
  intended_uses: ['fine-tuning'],
  integration_types: ['text components'],
  acceptable_use_policy: 'https://example.org/aup',
  release: { date: '2026-12-01', channels: ['Hugging Face Hub'] },
  architecture: { type: 'decoder-only transformer', parameters: 1e9, context_window: 4096 },
  modalities: { input: ['text'], output: ['text'], format: 'UTF-8' },
  licence: { id: 'Apache-2.0' },
  integration: { technical_means: 'safetensors', interacts_with: 'none', software: [{ name: 'transformers', version: '4.56' }] },
  training: { methods: 'causal LM', design_choices: 'small' },
  data: { types: ['web'], provenance: 'x', curation: 'x', data_points: 'x', scope: 'x', unsuitability_measures: 'x', bias_detection: 'x' },
  compute: { flop: 1e21, training_time: '1 h' },
  energy: { kwh: 1 },
  openness: [
    { name: 'Model parameters (Final)', licence: 'Apache-2.0', location: 'https://example.org/w' },
    { name: 'Model architecture', licence: 'Apache-2.0', location: 'https://example.org/a' },
  ],
});

describe('classifyCompute', () => {
  it.each([
    [undefined, false, false],
    [9.9e22, false, false],
    [1e23, true, false],
    [9.99e24, true, false],
    [1e25, true, true],
    [3e25, true, true],
  ])('%s FLOP → general-purpose %s, systemic risk %s', (flop, generalPurpose, systemic) => {
    const result = classifyCompute(flop);
    expect(result.generalPurposeIndicated).toBe(generalPurpose);
    expect(result.systemicRiskPresumed).toBe(systemic);
    expect(result.duties.length).toBeGreaterThan(0);
    if (systemic) expect(result.duties.join(' ')).toMatch(/two weeks/);
  });
});

describe('checkAiActCompleteness', () => {
  it('lists 14 distinct Annex XI §1 / Annex XII fields and finds all in a complete card', () => {
    expect(new Set(ANNEX_XI_XII_FIELDS.map((field) => field.key)).size).toBe(14);
    const result = checkAiActCompleteness(complete);
    expect(result).toMatchObject({ complete: true, systemicRisk: false, missing: [] });
    expect(result.fields).toHaveLength(14);
  });

  it('adds Annex XI §2 at 10^25 FLOP', () => {
    const result = checkAiActCompleteness({ ...complete, compute: { flop: 2e25, training_time: '90 days' } });
    expect(result.systemicRisk).toBe(true);
    expect(result.missing.map((field) => field.key)).toEqual(['evaluation_strategies', 'adversarial_testing', 'system_architecture']);
    expect(result.missing[0]!.articles).toEqual(['Annex XI §2(1)']);
  });
});

describe('checkOpenSourceExemption', () => {
  it('can apply to an Apache-2.0 model with public weights and architecture', () => {
    expect(checkOpenSourceExemption(complete).canApply).toBe(true);
  });
  it.each([
    ['a licence reserved to eligible actors', { licence: { id: 'Agora-Eligible-1.0', restricted_to_eligible_actors: true } }, 'licence_restricted'],
    ['an unrecognised licence', { licence: { id: 'Proprietary', restricted_to_eligible_actors: false } }, 'licence_not_recognised'],
    ['no licence', { licence: undefined }, 'licence_missing'],
    ['unpublished weights', { openness: [{ name: 'Model architecture', licence: 'Apache-2.0', location: 'https://example.org/a', included: true }] }, 'parameters_not_public'],
    ['systemic risk', { compute: { flop: 1e25 } }, 'systemic_risk'],
  ])('cannot apply with %s', (_name, change, code) => {
    const verdict = checkOpenSourceExemption({ ...complete, ...change } as ModelCardFrontMatter);
    expect(verdict.canApply).toBe(false);
    expect(verdict.reasons.filter((reason) => !reason.ok).map((reason) => reason.code)).toContain(code);
  });
});
