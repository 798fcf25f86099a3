import { describe, expect, it } from 'vitest';
import { isOpenLicence, isTypeAppropriateLicence, lookUpLicence } from './licences.ts';

describe('isOpenLicence (FSF libre, or on the open-data list, or OSI approved)', () => {
  const cases: [licence: string, open: boolean, why: string][] = [
    ['MIT', true, 'OSI approved and FSF libre'],
    ['ECL-1.0', true, 'OSI approved only'],
    ['Apache-1.0', true, 'FSF libre only (the tool\'s own list says not OSI approved)'],
    ['BSD-3-Clause-Clear', true, 'FSF libre only, from the SPDX list'],
    ['CC-BY-SA-2.0-UK', true, 'on the open-data list, no SPDX flags'],
    ['CDLA-Permissive-1.0', true, 'on the open-data list'],
    ['ODbL-1.0', true, 'on the open-data list'],
    ['CC-BY-NC-4.0', false, 'non-commercial: no flag, not on the list'],
    ['BSD-3-Clause-Attribution', false, 'SPDX licence without a flag'],
    ['softSurfer', false, 'SPDX licence without a flag'],
    ['BigScience-BLOOM-RAIL-1.0', false, 'not a licence the tool knows'],
    ['mit', false, 'ids are compared exactly, as in the tool'],
    ['unlicensed', false, 'the marker for no licence'],
    ['Other license', false, 'the tool\'s "other" choice'],
  ];
  it.each(cases)('%s → %s (%s)', (licence, open) => {
    expect(isOpenLicence(licence)).toBe(open);
  });
});

describe('isTypeAppropriateLicence (the tool lists the licence for that content type)', () => {
  const cases: [licence: string, type: 'code' | 'data' | 'document', expected: boolean][] = [
    ['MIT', 'code', true],
    ['MIT', 'data', false],
    ['Apache-2.0', 'document', false],
    ['CDLA-Permissive-2.0', 'data', true],
    ['CC0-1.0', 'data', true],
    ['CC0-1.0', 'document', true],
    ['CC-BY-4.0', 'document', true],
    ['CC-BY-4.0', 'data', false],
    ['BigScience-BLOOM-RAIL-1.0', 'code', false],
  ];
  it.each(cases)('%s for %s → %s', (licence, type, expected) => {
    expect(isTypeAppropriateLicence(licence, type)).toBe(expected);
  });
});

describe('lookUpLicence', () => {
  it('takes the tool\'s own entry first and keeps every content type it lists', () => {
    expect(lookUpLicence('CC0-1.0')).toMatchObject({ isFsfLibre: true, isOsiApproved: false, isOpenData: true, contentTypes: ['data', 'document'] });
    expect(lookUpLicence('Apache-1.0')).toMatchObject({ isOsiApproved: false, isFsfLibre: true, contentTypes: ['code'] });
  });

  it('knows plain SPDX licences without a content type, and nothing else', () => {
    expect(lookUpLicence('GPL-3.0-only')).toMatchObject({ isOsiApproved: true, contentTypes: [] });
    expect(lookUpLicence('Llama-3-Community')).toBeUndefined();
  });
});
