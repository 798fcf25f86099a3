import type { MofContentType } from './components.ts';
import spdxList from './data/licenses.json' with { type: 'json' };
import mofList from './data/mof-licenses.json' with { type: 'json' };

/**
 * The licence table of the Model Openness Tool. `data/mof-licenses.json` (the tool's own list, with a
 * content type per entry) and `data/licenses.json` (the SPDX list) are verbatim copies of the files the
 * tool imports (`web/modules/mof/{mof-licenses,licenses}.json`, at the commit in `data/SOURCE_COMMIT`).
 * The tool's importer reads mof-licenses.json first and skips an id it already has, so the first entry
 * of an id decides its flags; the two files agree on every flag they share.
 */

/**
 * Licences the tool counts as open whatever their SPDX flags (`LicenseHandler::OPEN_DATA_LICENSES`):
 * open-data, Creative Commons BY/BY-SA and government licences.
 */
export const OPEN_DATA_LICENCES: ReadonlySet<string> = new Set([
  'CC0-1.0',
  'CC-BY-1.0',
  'CC-BY-2.0',
  'CC-BY-2.5',
  'CC-BY-2.5-AU',
  'CC-BY-3.0',
  'CC-BY-3.0-AT',
  'CC-BY-3.0-AU',
  'CC-BY-3.0-DE',
  'CC-BY-3.0-IGO',
  'CC-BY-3.0-NL',
  'CC-BY-3.0-US',
  'CC-BY-4.0',
  'CC-BY-SA-1.0',
  'CC-BY-SA-2.0',
  'CC-BY-SA-2.0-UK',
  'CC-BY-SA-2.1-JP',
  'CC-BY-SA-2.5',
  'CC-BY-SA-3.0',
  'CC-BY-SA-3.0-AT',
  'CC-BY-SA-4.0',
  'CDLA-Permissive-1.0',
  'CDLA-Permissive-2.0',
  'CDLA-Sharing-1.0',
  'ODC-PDDL-1.0',
  'ODC-By-1.0',
  'ODbL-1.0',
  'GFDL-1.3',
  'OGL-Canada-2.0',
  'OGL-UK-2.0',
  'OGL-UK-3.0',
]);

export type LicenceFacts = {
  /** SPDX-style id, compared exactly (case matters, as in the tool). */
  id: string;
  name: string;
  isOsiApproved: boolean;
  isFsfLibre: boolean;
  /** On the tool's open-data list. */
  isOpenData: boolean;
  /** Content types the tool lists the licence for; empty for a plain SPDX licence. */
  contentTypes: MofContentType[];
};

type ListedLicence = { licenseId: string; name: string; isOsiApproved?: boolean; isFsfLibre?: boolean; ContentType?: string };

function buildTable(): ReadonlyMap<string, LicenceFacts> {
  const table = new Map<string, LicenceFacts>();
  for (const licence of [...(mofList.licenses as ListedLicence[]), ...(spdxList.licenses as ListedLicence[])]) {
    const known = table.get(licence.licenseId);
    if (!known) {
      table.set(licence.licenseId, {
        id: licence.licenseId,
        name: licence.name,
        isOsiApproved: licence.isOsiApproved === true,
        isFsfLibre: licence.isFsfLibre === true,
        isOpenData: OPEN_DATA_LICENCES.has(licence.licenseId),
        contentTypes: [],
      });
    }
    // CC0-1.0 and CC-PDDC are listed for both data and documents: keep every type listed.
    const facts = table.get(licence.licenseId)!;
    const type = licence.ContentType as MofContentType | undefined;
    if (type && !facts.contentTypes.includes(type)) facts.contentTypes.push(type);
  }
  return table;
}

const LICENCES = buildTable();

/** What the tool knows of a licence id, or undefined when it is in neither list. */
export function lookUpLicence(id: string): LicenceFacts | undefined {
  return LICENCES.get(id);
}

/**
 * Whether the tool counts a licence as open: FSF libre, on its open-data list, or OSI approved
 * (`LicenseHandler::isOpenSourceLicense`). Unknown ids, "unlicensed" and "Other license" are not open.
 */
export function isOpenLicence(id: string): boolean {
  const facts = LICENCES.get(id);
  return OPEN_DATA_LICENCES.has(id) || facts?.isFsfLibre === true || facts?.isOsiApproved === true;
}

/**
 * Whether the tool lists the licence for this content type (`LicenseHandler::isTypeAppropriate`).
 * An open licence that is not type-appropriate still counts; the tool only warns.
 */
export function isTypeAppropriateLicence(id: string, type: MofContentType): boolean {
  return LICENCES.get(id)?.contentTypes.includes(type) ?? false;
}
