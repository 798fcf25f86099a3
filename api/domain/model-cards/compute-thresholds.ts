/** Art. 51(2): a general-purpose model trained with more than this is presumed to have systemic risk. */
export const SYSTEMIC_RISK_FLOP = 1e25;
/** The Commission's guidelines: above this training compute a model is indicatively general-purpose. */
export const GENERAL_PURPOSE_FLOP = 1e23;

export type ComputeClassification = {
  flop: number | null;
  generalPurposeIndicated: boolean;
  systemicRiskPresumed: boolean;
  /** What the provider must do because of it, in words. */
  duties: string[];
};

/**
 * What the training compute implies under the AI Act: the indicative general-purpose threshold,
 * the systemic-risk presumption and the duty to notify the Commission within two weeks (Art. 52(1)).
 * Unknown compute implies nothing and says so.
 */
export function classifyCompute(flop: number | null | undefined): ComputeClassification {
  if (flop === null || flop === undefined)
    return { flop: null, generalPurposeIndicated: false, systemicRiskPresumed: false, duties: ['Training compute is not stated; the thresholds cannot be checked.'] };
  const systemicRiskPresumed = flop >= SYSTEMIC_RISK_FLOP;
  const generalPurposeIndicated = flop >= GENERAL_PURPOSE_FLOP;
  const duties: string[] = [];
  if (systemicRiskPresumed)
    duties.push(
      'Systemic risk is presumed (Art. 51(2)): notify the Commission within two weeks of reaching the threshold or knowing it will be reached (Art. 52(1)), and meet the Art. 55 obligations.',
      'Annex XI §2 documentation is required: evaluation strategies, adversarial testing, system architecture.',
    );
  else if (generalPurposeIndicated)
    duties.push('Above 10^23 FLOP: indicatively a general-purpose AI model; the Art. 53 obligations apply.');
  else duties.push('Below 10^23 FLOP: not indicatively a general-purpose AI model by compute alone.');
  return { flop, generalPurposeIndicated, systemicRiskPresumed, duties };
}
