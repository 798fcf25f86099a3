import { countryName } from './countries.ts';
import type { CountryClass, DeclarationBasis } from './vocabulary.ts';

/** Countries of each class, as the registry's countries.yaml lists them. */
export type CountryClassSets = Record<CountryClass, ReadonlySet<string>>;

export type EligibilityInput = {
  country: string;
  ownershipControl: {
    thirdCountryControlled: boolean;
    controllers: readonly { name: string; country: string }[];
    declared: string;
    recheck: string;
    basis: DeclarationBasis;
  } | null;
};

export type EligibilityReason = { code: string; ok: boolean; message: string };
export type EligibilityVerdict = { eligible: boolean; reasons: EligibilityReason[] };

const BASIS_LABEL: Record<DeclarationBasis, string> = {
  self_declaration: 'self-declaration',
  public_record: 'public record',
};

/**
 * Whether an organisation may licence the consortium's model components: it must be established in
 * an EU member state, an EEA country or a country associated to the Digital Europe Programme, and not
 * be controlled from any other country. Fails closed: no declaration, or one past its re-check date,
 * means not eligible. Every verdict lists all its reasons, the satisfied ones too.
 *
 * @param today the date the verdict is for (YYYY-MM-DD); the rule has no clock of its own.
 */
export function checkLicensingEligibility(
  organization: EligibilityInput,
  classes: CountryClassSets,
  today: string,
): EligibilityVerdict {
  const reasons = [checkEstablishment(organization.country, classes), ...checkControl(organization, classes, today)];
  return { eligible: reasons.every((reason) => reason.ok), reasons };
}

function establishmentClass(country: string, classes: CountryClassSets): CountryClass | null {
  if (classes.eu_member.has(country)) return 'eu_member';
  if (classes.eea.has(country)) return 'eea';
  if (classes.digital_europe_associated.has(country)) return 'digital_europe_associated';
  return null;
}

function checkEstablishment(country: string, classes: CountryClassSets): EligibilityReason {
  const name = countryName(country);
  switch (establishmentClass(country, classes)) {
    case 'eu_member':
      return { code: 'established_eu_member', ok: true, message: `Established in ${name}, an EU member state.` };
    case 'eea':
      return { code: 'established_eea', ok: true, message: `Established in ${name}, an EEA country.` };
    case 'digital_europe_associated':
      return {
        code: 'established_associated_country',
        ok: true,
        message: `Established in ${name}, a country associated to the Digital Europe Programme.`,
      };
    case null:
      return {
        code: 'established_third_country',
        ok: false,
        message: `Established in ${name}, which is neither an EU member state, an EEA country nor a country associated to the Digital Europe Programme.`,
      };
  }
}

function checkControl(
  { ownershipControl: control }: EligibilityInput,
  classes: CountryClassSets,
  today: string,
): EligibilityReason[] {
  if (!control)
    return [{ code: 'control_undeclared', ok: false, message: 'No ownership-control declaration is on record.' }];

  const reasons: EligibilityReason[] = [];
  const foreign = control.controllers.filter((controller) => establishmentClass(controller.country, classes) === null);
  const named = foreign.map((controller) => `${controller.name} (${countryName(controller.country)})`).join(', ');
  const source = `per ${BASIS_LABEL[control.basis]} of ${control.declared}`;

  if (control.thirdCountryControlled)
    reasons.push({
      code: 'third_country_control',
      ok: false,
      message: named
        ? `Controlled from a third country by ${named}, ${source}.`
        : `Declared as controlled from a third country, ${source}.`,
    });
  else if (foreign.length > 0)
    reasons.push({
      code: 'control_inconsistent',
      ok: false,
      message: `Declared as not controlled from a third country, but its controllers include ${named}, ${source}.`,
    });
  else
    reasons.push({
      code: 'not_third_country_controlled',
      ok: true,
      message: `Not controlled from a third country, ${source}.`,
    });

  if (control.recheck < today)
    reasons.push({
      code: 'control_declaration_expired',
      ok: false,
      message: `The ownership-control declaration was due for re-check on ${control.recheck}.`,
    });
  return reasons;
}
