import { describe, expect, it } from 'vitest';
import type { OpenProposalInput } from '../../services/decisions/proposals.ts';
import { releaseFilingSchema, toReleaseProposal } from './release-filing.ts';

const HEX = '0123456789abcdef'.repeat(4);
const filing = (changes: Record<string, unknown>) => releaseFilingSchema.safeParse({ type: 'release', model_id: 'agora-demo-1b-v0-1', checkpoint_digest: `sha256:${HEX}`, rationale: 'Evaluations passed.', ...changes });

describe('releaseFilingSchema', () => {
  it.each([`sha256:${HEX}`, HEX, HEX.toUpperCase(), `  sha256:${HEX.toUpperCase()}  `])('writes the digest %j as the registry stores it', (digest) => {
    expect(filing({ checkpoint_digest: digest })).toMatchObject({ success: true, data: { checkpoint_digest: `sha256:${HEX}` } });
  });

  it.each([HEX.slice(1), `sha512:${HEX}`, `sha256:${HEX.slice(0, -1)}g`, `sha256: ${HEX}`, ''])('refuses the digest %j', (digest) => {
    const result = filing({ checkpoint_digest: digest });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['expected the checkpoint digest: "sha256:" and 64 hex digits (the prefix may be left out)']);
  });

  it('needs a model id and a rationale, and takes nothing else', () => {
    const result = releaseFilingSchema.safeParse({ type: 'release', model_id: 'bad id', checkpoint_digest: HEX, rationale: '  ', extra: 1 });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['model_id', 'expected a model id from the registry (e.g. "oellm-7b-v1")'],
      ['rationale', 'expected the reasons for the release'],
      ['', 'Unrecognized key: "extra"'],
    ]);
  });
});

describe('toReleaseProposal', () => {
  it('asks for a release vote on the model and the checkpoint, titled from them when the filer gave no title', () => {
    const proposal: OpenProposalInput = toReleaseProposal(filing({}).data!);
    expect(proposal).toEqual({
      kind: 'release',
      title: 'Release agora-demo-1b-v0-1 (checkpoint 0123456789ab)',
      description: 'Evaluations passed.',
      subject: { type: 'model_release', modelId: 'agora-demo-1b-v0-1', checkpointDigest: `sha256:${HEX}` },
    });
    expect(toReleaseProposal(filing({ title: 'Release v0.1' }).data!).title).toBe('Release v0.1');
  });
});
