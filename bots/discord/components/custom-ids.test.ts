import { describe, expect, it } from 'vitest';
import { componentId, parseComponentId } from './custom-ids.ts';

describe('component custom ids', () => {
  it('carry proposal and choice as vote:<proposal>:<choice>', () => {
    expect(componentId('vote', 'prop_x1Yz2A', 'approve')).toBe('vote:prop_x1Yz2A:approve');
    expect(parseComponentId('vote:prop_x1Yz2A:approve')).toEqual({ action: 'vote', proposalRef: 'prop_x1Yz2A', choice: 'approve' });
    expect(parseComponentId('reason:rel-7b:v1:abstain')).toEqual({ action: 'reason', proposalRef: 'rel-7b:v1', choice: 'abstain' });
  });

  it('stay within Discord’s 100 characters for the longest proposal id the API accepts', () => {
    const longest = 'p'.repeat(100);
    for (const choice of ['approve', 'abstain', 'reject'] as const) {
      const id = componentId('reason', longest, choice);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(parseComponentId(id)).toMatchObject({ action: 'reason', choice });
      expect(parseComponentId(id)!.proposalRef).toMatch(/^#/);
    }
    expect(componentId('vote', 'p'.repeat(100), 'approve')).not.toBe(componentId('vote', 'q'.repeat(100), 'approve'));
  });

  it('read nothing into ids that are not theirs', () => {
    for (const id of ['', 'vote:', 'vote:x:maybe', 'delete:x:approve', 'vote::approve']) expect(parseComponentId(id)).toBeNull();
  });
});
