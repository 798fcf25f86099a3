import { createHash } from 'node:crypto';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { registerModel } from '../../api/services/models.ts';
import { createRun } from '../../api/services/training-runs.ts';
import { submitReport } from '../../api/services/training-reports.ts';
import type { TrainingReport } from '../../api/domain/training/report.ts';

/** Tokens per optimiser step of the simulated runs: 1,024 sequences of 4,096 tokens. */
export const TOKENS_PER_STEP = 4_194_304;

/** A loss curve that looks like one: fast fall, slow tail, a little deterministic noise. */
export function simulatedLoss(step: number): number {
  const noise = Math.sin(step * 12.9898) * 0.03;
  return Math.round((2.1 + 8.7 * Math.exp(-step / 1800) + noise) * 1e4) / 1e4;
}

export const digestOf = (label: string) => `sha256:${createHash('sha256').update(label).digest('hex')}`;

/**
 * The training side of the site fixture, recorded through the real services: a demo family with two
 * versions (one finished, one training, with a failure, a restart and checkpoints) and a planned,
 * non-demo model without runs.
 */
export async function seedTrainingData(services: ServiceContext & { clock: { set(instant: string): void } }) {
  const { clock } = services;
  const admin = systemActor('fixture');
  await registerFixtureModels(services);
  // v0.1: finished on LUMI, 40 reports, one checkpoint at the end.
  await createRun(services, { actor: admin, input: { id: 'demo-lumi-v0-1', modelId: 'agora-demo-1b-v0-1', hpcSystem: 'LUMI', totalSteps: 2000, tokensTarget: 2000 * TOKENS_PER_STEP, isDemo: true } });
  const v1Start = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < 40; i++) {
    const step = (i + 1) * 50;
    const last = i === 39;
    await report(services, 'demo-lumi-v0-1', {
      id: `v1-${step}`,
      at: new Date(v1Start + step * 36_000).toISOString(),
      state: last ? 'completed' : 'running',
      step,
      tokensSeen: step * TOKENS_PER_STEP,
      loss: simulatedLoss(step * 3),
      throughput: 116_500,
      events: last ? [{ kind: 'checkpoint_saved', message: 'final checkpoint' }] : [],
      ...(last ? { checkpoint: { step, tokens: step * TOKENS_PER_STEP, digest: digestOf('v0.1 final'), uri: 's3://agora-demo/v0.1/step-2000' } } : {}),
    });
  }

  // v0.2: on Leonardo, 300 reports every 40 steps; fails at step 4,800, restarts; checkpoints every 2,000 steps.
  await createRun(services, { actor: admin, input: { id: 'demo-leonardo-v0-2', modelId: 'agora-demo-1b-v0-2', hpcSystem: 'Leonardo', totalSteps: 20_000, tokensTarget: 20_000 * TOKENS_PER_STEP, isDemo: true } });
  const v2Start = Date.parse('2026-11-20T00:00:00Z');
  for (let i = 0; i < 300; i++) {
    const step = i * 40;
    const at = new Date(v2Start + i * 24 * 60_000).toISOString();
    const failed = step === 4800;
    const restarted = step === 4840;
    const checkpoint = step > 0 && step % 2000 === 0;
    const events: TrainingReport['events'] = [
      ...(failed ? [{ kind: 'failure' as const, message: 'NCCL watchdog timeout on node lrdn1234' }] : []),
      ...(restarted ? [{ kind: 'restart' as const, message: 'Resumed on 64 nodes after the failure at step 4,800' }] : []),
      ...(checkpoint ? [{ kind: 'checkpoint_saved' as const, message: `checkpoint at step ${step}` }] : []),
    ];
    await report(services, 'demo-leonardo-v0-2', {
      id: `v2-${step}`,
      at,
      state: failed ? 'failed' : 'running',
      step,
      tokensSeen: step * TOKENS_PER_STEP,
      loss: simulatedLoss(step) + (restarted ? 0.35 : 0),
      throughput: failed ? 0 : 116_000 + (i % 7) * 250,
      events,
      ...(checkpoint ? { checkpoint: { step, tokens: step * TOKENS_PER_STEP, digest: digestOf(`v0.2 step ${step}`), uri: `s3://agora-demo/v0.2/step-${step}` } } : {}),
    });
  }
  clock.set('2026-11-25T09:00:00.000Z');
}

/**
 * The fixture's three model versions. Registering again restores these facts after a sync of the
 * example card (which states its own) — the fixture's pages and tests rely on them.
 */
export async function registerFixtureModels(services: ServiceContext) {
  const admin = systemActor('fixture');
  const demoFamily = { id: 'agora-demo', name: 'Agora demo' };
  const demo = { family: demoFamily, parameters: 1_210_000_000, architecture: 'decoder-only transformer (Llama-style, GQA)', contextWindow: 4096, licence: 'Apache-2.0', cycle: 'baby', isDemo: true };
  const demoLanguages = ['bul', 'ces', 'deu', 'ell', 'ltg', 'mlt', 'srp'];
  await registerModel(services, { actor: admin, input: { id: 'agora-demo-1b-v0-1', version: '0.1', name: 'Agora Demo 1B v0.1', status: 'candidate', languages: demoLanguages, ...demo } });
  await registerModel(services, { actor: admin, input: { id: 'agora-demo-1b-v0-2', version: '0.2', name: 'Agora Demo 1B v0.2', status: 'training', languages: demoLanguages, ...demo } });
  await registerModel(services, {
    actor: admin,
    input: {
      id: 'openeurollm-baby-2b-v0-1',
      family: { id: 'openeurollm-baby', name: 'OpenEuroLLM Baby' },
      version: '0.1',
      name: 'OpenEuroLLM Baby 2B',
      status: 'planned',
      parameters: 2_150_000_000,
      architecture: 'decoder-only transformer',
      contextWindow: 8192,
      licence: null,
      languages: [],
      cycle: 'baby',
    },
  });
}

/** Records a report as received a few seconds after the job sent it (the hub dates checkpoints by its clock). */
async function report(
  services: ServiceContext & { clock: { set(instant: string): void } },
  runId: string,
  input: Omit<TrainingReport, 'events'> & { events?: TrainingReport['events'] },
) {
  services.clock.set(new Date(Date.parse(input.at) + 3000).toISOString());
  const reporter = systemActor('reporter');
  await submitReport(services, { actor: reporter, input: { runId, report: { events: [], ...input } } });
}
