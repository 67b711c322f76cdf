import type { ForecastCategory, PipelineDefinition } from '@crm/domain';
import { percentOfDoc, type MoneyDoc } from '../money';
import { stageOrUnknown } from '../pipeline-definitions/stage-lookup';
import type { OpportunityDoc } from './opportunity-doc';

/** What an opportunity's stage means in its pipeline as defined now. */
export type StagePricing = {
  stageName: string;
  probability: number;
  forecastCategory: ForecastCategory;
  /** amount x probability %, rounded half away from zero to the currency's minor unit. */
  weightedAmount: MoneyDoc;
};

/**
 * The stage's name, probability and forecast category and the weighted amount of an opportunity,
 * from `definition`, its pipeline's definition as it stands. Computed when read rather than stored,
 * so a revision that re-weights a stage is followed at once by every opportunity at it. A key the
 * definition no longer has reads as its key, probability 0, OMITTED (`unknownStage`).
 */
export function stagePricing(doc: Pick<OpportunityDoc, 'stage' | 'amount'>, definition: PipelineDefinition): StagePricing {
  const stage = stageOrUnknown(definition, doc.stage);
  return {
    stageName: stage.name,
    probability: stage.probability,
    forecastCategory: stage.forecastCategory,
    weightedAmount: percentOfDoc(doc.amount, stage.probability),
  };
}
