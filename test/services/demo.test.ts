import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../api/logger.ts';
import { seedDemo, seedNewHub } from '../../api/services/demo/seed-demo.ts';
import { verifyLedger } from '../../api/services/ledger.ts';
import { getModel, listModels } from '../../api/services/models.ts';
import { getRun } from '../../api/services/training-runs.ts';
import { createTestHub, CONTENT_DIR, type TestHub } from '../helpers/app.ts';
import { dumpDatabase } from '../helpers/dump.ts';

let hub: TestHub;
beforeEach(async () => {
  hub = await createTestHub();
});
afterEach(() => hub.close());

describe('demo data', () => {
  it('creates a demo model family with a completed and a running simulated run, all marked as demo', async () => {
    await seedDemo(hub.services);
    const models = (await listModels(hub.services, { limit: 100 })).items;
    expect(models.map((model) => model.id)).toEqual(['agora-demo-1b-v0-1', 'agora-demo-1b-v0-2']);
    expect(models.every((model) => model.isDemo && model.name.includes('(demo)'))).toBe(true);
    // v0.1 is described by the shipped example card, which keeps its own facts; v0.2 is the demo's.
    expect(models[0]!.languages).toHaveLength(27);
    expect(models[1]!.languages).toHaveLength(37);

    const done = await getRun(hub.services, 'demo-leonardo-0-1');
    expect(done).toMatchObject({ state: 'completed', step: 1000, progress: 1, isDemo: true });
    const running = await getRun(hub.services, 'demo-lumi-0-2');
    expect(running).toMatchObject({ state: 'running', step: 1500, totalSteps: 2500, isDemo: true });
    expect(running.eta).not.toBeNull();
    expect(running.events.map((event) => event.kind)).toEqual(expect.arrayContaining(['failure', 'restart', 'checkpoint_saved']));
    const model = await getModel(hub.services, 'agora-demo-1b-v0-2');
    expect(model.checkpoints.map((checkpoint) => checkpoint.step)).toEqual([1500, 1250, 1000, 750, 500, 250]);
    expect((await verifyLedger(hub.services)).ok).toBe(true);
  });

  it('creates demo delegates and decisions in every state, each verifiable from the ledger', async () => {
    await seedDemo(hub.services);
    const { listProposals } = await import('../../api/services/decisions/proposals.ts');
    const { verifyProposalTally } = await import('../../api/services/decisions/verify.ts');
    const proposals = (await listProposals(hub.services, { limit: 100 })).items;
    expect(Object.fromEntries(proposals.map((proposal) => [proposal.id, proposal.outcome ?? proposal.state]))).toEqual({
      'demo-release-agora-demo-1b-v0-1': 'open',
      'demo-include-finepdfs-edu': 'passed',
      'demo-include-nemotron-cc': 'blocked',
      'demo-policy-shorter-release-votes': 'rejected',
    });
    expect(proposals.every((proposal) => proposal.isDemo)).toBe(true);
    for (const proposal of proposals.filter((candidate) => candidate.state === 'closed'))
      expect((await verifyProposalTally(hub.services, proposal.id)).matches).toBe(true);
    const members = await hub.database.db.select().from((await import('../../db/index.ts')).tables.members);
    expect(members.length).toBeGreaterThan(10);
    expect(members.every((member) => member.isDemo && member.displayName.startsWith('Demo '))).toBe(true);
  });

  it('changes nothing when run again', async () => {
    await seedDemo(hub.services);
    const before = await dumpDatabase(hub.database);
    await seedDemo(hub.services);
    expect(await dumpDatabase(hub.database)).toEqual(before);
  });

  it('seeds a new hub once (sample collection and demo) and leaves a hub with data alone', async () => {
    const logger = createLogger({ level: 'silent' });
    expect(await seedNewHub(hub.services, logger, CONTENT_DIR)).toBe(true);
    const model = await getModel(hub.services, 'agora-demo-1b-v0-2');
    expect(model.cycle).toBe('baby');
    expect(await seedNewHub(hub.services, logger, CONTENT_DIR)).toBe(false);
  });
});
