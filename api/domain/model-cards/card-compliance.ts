import { evaluateOpenness, type OpennessEvaluation } from '../openness/evaluate-openness.ts';
import { checkAiActCompleteness, type Completeness } from './ai-act-completeness.ts';
import type { ModelCardFrontMatter } from './card-schema.ts';
import { classifyCompute, type ComputeClassification } from './compute-thresholds.ts';
import { buildCardMotFile } from './exports/mot-export.ts';
import { checkOpenSourceExemption, type ExemptionVerdict } from './open-source-exemption.ts';

/** The openness class of the card's Model Openness Tool export, and what the export had to leave out. */
export type CardOpenness = OpennessEvaluation & { ignoredComponents: string[] };

/** Everything the hub computes from a card, for the card page, the API and the release gate. */
export type CardCompliance = {
  aiAct: Completeness;
  exemption: ExemptionVerdict;
  compute: ComputeClassification;
  openness: CardOpenness;
};

/**
 * Computes a card's compliance: AI Act completeness, the Art. 53(2) exemption, the compute
 * thresholds, and the openness class of exactly the file the MOT export writes — so the class shown
 * and the class the tool gives for the exported file cannot drift apart.
 */
export function computeCardCompliance(card: ModelCardFrontMatter): CardCompliance {
  const mot = buildCardMotFile(card);
  return {
    aiAct: checkAiActCompleteness(card),
    exemption: checkOpenSourceExemption(card),
    compute: classifyCompute(card.compute?.flop),
    openness: { ...evaluateOpenness(mot.file), ignoredComponents: mot.ignoredComponents },
  };
}
