import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { TrainingReport } from '../../domain/training/report.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { registerModel } from '../models.ts';
import { submitReport } from '../training-reports.ts';
import { createRun } from '../training-runs.ts';

const FAMILY = { id: 'agora-demo', name: 'Agora demo models (not real)', description: 'Created by `agora demo` so every page has something to show. Not a model of the consortium.' };
const TOKENS_PER_STEP = 4 * 1024 * 1024;
/** About a million tokens a second: what a 1B model gets from a few dozen GPUs. */
const SECONDS_PER_STEP = 4;

type DemoRun = {
  modelId: string;
  version: string;
  status: 'candidate' | 'training';
  runId: string;
  hpcSystem: string;
  totalSteps: number;
  /** Steps reported so far; the run completes when it reaches totalSteps. */
  reachedSteps: number;
  /** Hours before now that the simulated run started. */
  startedHoursAgo: number;
  restartAt?: number;
};

const DEMO_RUNS: DemoRun[] = [
  { modelId: 'agora-demo-1b-v0-1', version: '0.1', status: 'candidate', runId: 'demo-leonardo-0-1', hpcSystem: 'Leonardo (simulated)', totalSteps: 1000, reachedSteps: 1000, startedHoursAgo: 24 * 9 },
  { modelId: 'agora-demo-1b-v0-2', version: '0.2', status: 'training', runId: 'demo-lumi-0-2', hpcSystem: 'LUMI (simulated)', totalSteps: 2500, reachedSteps: 1500, startedHoursAgo: 2.5, restartAt: 900 },
];

/**
 * A clearly labelled demo model family with two versions: one trained to completion, one still
 * training (with a failure and a restart), reported through the real ingestion path. Running it again
 * changes nothing. Returns the ids it created or found.
 */
export async function seedDemoTraining(ctx: ServiceContext, actor: Actor): Promise<{ models: string[]; runs: string[] }> {
  const languages = (await ctx.database.db.select({ code: tables.languages.code }).from(tables.languages)).map((row) => row.code);
  const [cycle] = await ctx.database.db.select({ id: tables.collections.id }).from(tables.collections).limit(1);
  for (const demo of DEMO_RUNS) {
    // A model with a card (the shipped example card describes v0.1) keeps the card's facts.
    const [known] = await ctx.database.db.select({ id: tables.models.id }).from(tables.models).where(eq(tables.models.id, demo.modelId));
    if (!known)
      await registerModel(ctx, {
      actor,
      input: {
        id: demo.modelId,
        family: FAMILY,
        version: demo.version,
        name: `Agora Demo 1B v${demo.version} (demo)`,
        status: demo.status,
        parameters: 1_240_000_000,
        architecture: 'decoder-only transformer (demo)',
        contextWindow: 4096,
        licence: 'Apache-2.0',
        languages,
        cycle: cycle?.id ?? null,
        isDemo: true,
      },
    });
    const [existing] = await ctx.database.db.select({ id: tables.trainingRuns.id }).from(tables.trainingRuns).where(eq(tables.trainingRuns.id, demo.runId));
    if (existing) continue;
    await createRun(ctx, {
      actor,
      input: { id: demo.runId, modelId: demo.modelId, hpcSystem: demo.hpcSystem, totalSteps: demo.totalSteps, tokensTarget: demo.totalSteps * TOKENS_PER_STEP, isDemo: true },
    });
    const reports = simulateReports(demo, ctx.clock());
    await Promise.all(reports.map((report) => submitReport(ctx, { actor, input: { runId: demo.runId, report } })));
  }
  return { models: DEMO_RUNS.map((demo) => demo.modelId), runs: DEMO_RUNS.map((demo) => demo.runId) };
}

/** A plausible run: a power-law loss curve with a little deterministic noise, checkpoints every 250 steps. */
function simulateReports(demo: DemoRun, now: Date): TrainingReport[] {
  const start = now.getTime() - demo.startedHoursAgo * 3_600_000;
  const secondsPerStep = SECONDS_PER_STEP;
  const reports: TrainingReport[] = [];
  for (let step = 0; step <= demo.reachedSteps; step += 25) {
    const restarting = demo.restartAt !== undefined && step === demo.restartAt + 25;
    const failing = demo.restartAt !== undefined && step === demo.restartAt;
    const done = step === demo.totalSteps;
    const noise = Math.sin(step * 12.9898) * 0.015;
    const loss = 1.9 + 6.2 * Math.pow(step + 40, -0.28) + noise + (restarting ? 0.05 : 0);
    const checkpoint = step > 0 && step % 250 === 0;
    reports.push({
      id: `${demo.runId}-${String(step).padStart(6, '0')}`,
      at: new Date(start + step * secondsPerStep * 1000 + (restarting ? 1_800_000 : 0)).toISOString(),
      state: done ? 'completed' : failing ? 'failed' : 'running',
      step,
      totalSteps: demo.totalSteps,
      tokensSeen: step * TOKENS_PER_STEP,
      tokensTarget: demo.totalSteps * TOKENS_PER_STEP,
      loss: Math.round(loss * 10_000) / 10_000,
      throughput: Math.round(TOKENS_PER_STEP / secondsPerStep),
      events: [
        ...(checkpoint ? [{ kind: 'checkpoint_saved' as const, message: `checkpoint at step ${step}` }] : []),
        ...(failing ? [{ kind: 'failure' as const, message: 'node failure on the simulated partition (demo)' }] : []),
        ...(restarting ? [{ kind: 'restart' as const, message: `restarted from the checkpoint at step ${demo.restartAt! - (demo.restartAt! % 250)} (demo)` }] : []),
      ],
      ...(checkpoint
        ? {
            checkpoint: {
              step,
              tokens: step * TOKENS_PER_STEP,
              digest: `sha256:${createHash('sha256').update(`${demo.modelId}/step-${step}`).digest('hex')}`,
              uri: `demo://checkpoints/${demo.modelId}/step-${step}`,
            },
          }
        : {}),
    });
  }
  return reports;
}
