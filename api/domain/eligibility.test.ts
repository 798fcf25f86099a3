import { describe, expect, it } from 'vitest';
import { checkLicensingEligibility, type CountryClassSets, type EligibilityInput } from './eligibility.ts';

const classes: CountryClassSets = {
  eu_member: new Set(['CZ', 'FI', 'DE', 'FR']),
  eea: new Set(['NO', 'IS', 'LI']),
  digital_europe_associated: new Set(['NO', 'IS', 'LI', 'UA', 'RS']),
};
const today = '2026-11-25';

function control(overrides: Partial<NonNullable<EligibilityInput['ownershipControl']>> = {}) {
  return {
    thirdCountryControlled: false,
    controllers: [],
    declared: '2026-01-10',
    recheck: '2027-01-10',
    basis: 'self_declaration' as const,
    ...overrides,
  };
}

const cases: { name: string; input: EligibilityInput; eligible: boolean; codes: string[] }[] = [
  {
    name: 'EU member, not controlled',
    input: { country: 'CZ', ownershipControl: control() },
    eligible: true,
    codes: ['established_eu_member', 'not_third_country_controlled'],
  },
  {
    name: 'EEA country (also associated) is counted as EEA',
    input: { country: 'NO', ownershipControl: control() },
    eligible: true,
    codes: ['established_eea', 'not_third_country_controlled'],
  },
  {
    name: 'country associated to Digital Europe',
    input: { country: 'UA', ownershipControl: control() },
    eligible: true,
    codes: ['established_associated_country', 'not_third_country_controlled'],
  },
  {
    name: 'third country',
    input: { country: 'US', ownershipControl: control() },
    eligible: false,
    codes: ['established_third_country', 'not_third_country_controlled'],
  },
  {
    name: 'EU member controlled from a third country',
    input: {
      country: 'FI',
      ownershipControl: control({
        thirdCountryControlled: true,
        controllers: [{ name: 'Advanced Micro Devices, Inc.', country: 'US' }],
      }),
    },
    eligible: false,
    codes: ['established_eu_member', 'third_country_control'],
  },
  {
    name: 'controlled by an organisation of another EU member state',
    input: { country: 'FR', ownershipControl: control({ controllers: [{ name: 'Parent GmbH', country: 'DE' }] }) },
    eligible: true,
    codes: ['established_eu_member', 'not_third_country_controlled'],
  },
  {
    name: 'declared not controlled but a controller sits in a third country',
    input: { country: 'DE', ownershipControl: control({ controllers: [{ name: 'Holding Ltd', country: 'CN' }] }) },
    eligible: false,
    codes: ['established_eu_member', 'control_inconsistent'],
  },
  {
    name: 'no declaration fails closed',
    input: { country: 'DE', ownershipControl: null },
    eligible: false,
    codes: ['established_eu_member', 'control_undeclared'],
  },
  {
    name: 'declaration past its re-check date fails closed',
    input: { country: 'DE', ownershipControl: control({ recheck: '2026-11-24' }) },
    eligible: false,
    codes: ['established_eu_member', 'not_third_country_controlled', 'control_declaration_expired'],
  },
  {
    name: 'declaration due for re-check today still holds',
    input: { country: 'DE', ownershipControl: control({ recheck: today }) },
    eligible: true,
    codes: ['established_eu_member', 'not_third_country_controlled'],
  },
];

describe('checkLicensingEligibility', () => {
  it.each(cases)('$name', ({ input, eligible, codes }) => {
    const verdict = checkLicensingEligibility(input, classes, today);
    expect(verdict.eligible).toBe(eligible);
    expect(verdict.reasons.map((reason) => reason.code)).toEqual(codes);
    // Every reason explains itself, and "eligible" is exactly "no reason says no".
    for (const reason of verdict.reasons) expect(reason.message.length).toBeGreaterThan(10);
    expect(verdict.eligible).toBe(verdict.reasons.every((reason) => reason.ok));
  });

  it('names the controlling company and its country', () => {
    const verdict = checkLicensingEligibility(cases[4]!.input, classes, today);
    expect(verdict.reasons[1]!.message).toContain('Advanced Micro Devices, Inc. (United States)');
  });
});
