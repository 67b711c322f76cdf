import { DEFAULT_PIPELINE_ID, Money, type ForecastCategory, type PipelineDefinition, type StageKind } from '@crm/domain';
import type { Filter } from '../../store/read-store.port';
import { moneyDoc, moneyOf, type MoneyDoc } from '../money';
import { unknownStage } from '../pipeline-definitions/stage-lookup';
import type { PipelineDoc, PipelineGrain } from './pipeline-aggregate';

/**
 * What the `pipeline` query filters on: one pipeline (the default one when not given). Close dates
 * are matched by month: the aggregates are per close month, so a range covers every month it
 * touches, whole (2026-03-15..2026-04-10 is March and April).
 */
export type PipelineQuery = {
  pipelineId?: string | null;
  ownerId?: string | null;
  closeDateFrom?: string | null;
  closeDateTo?: string | null;
  currency?: string | null;
};

/** One stage of a pipeline's summary: the definition's words for it, and its opportunities counted and summed. */
export type PipelineStageSummary = {
  stage: string;
  name: string;
  kind: StageKind;
  forecastCategory: ForecastCategory;
  probability: number;
  count: number;
  amounts: MoneyDoc[];
  weightedAmounts: MoneyDoc[];
};

const given = (value: string | null | undefined): value is string => typeof value === 'string' && value !== '';

const hasCloseDates = (query: PipelineQuery): boolean => given(query.closeDateFrom) || given(query.closeDateTo);

/** The pipeline a query asks about. */
export const pipelineIdOf = (query: PipelineQuery): string => (given(query.pipelineId) ? query.pipelineId : DEFAULT_PIPELINE_ID);

/** The coarsest grain that can answer the query: fewer documents to read and sum. */
export function pipelineGrainFor(query: PipelineQuery): PipelineGrain {
  const byOwner = given(query.ownerId);
  if (hasCloseDates(query)) return byOwner ? 'stage_owner_month' : 'stage_month';
  return byOwner ? 'stage_owner' : 'stage';
}

function closeMonthRange(query: PipelineQuery): Filter {
  const range: { $gte?: string; $lte?: string } = {};
  if (given(query.closeDateFrom)) range.$gte = query.closeDateFrom.slice(0, 7);
  if (given(query.closeDateTo)) range.$lte = query.closeDateTo.slice(0, 7);
  return Object.keys(range).length === 0 ? {} : { closeMonth: range };
}

/** The read-store filter selecting the aggregates of `pipelineGrainFor(query)` that the query covers. */
export function pipelineFilterFor(query: PipelineQuery): Filter {
  const filter: Filter = { grain: pipelineGrainFor(query), pipelineId: pipelineIdOf(query), ...closeMonthRange(query) };
  if (given(query.ownerId)) filter.ownerId = query.ownerId;
  if (given(query.currency)) filter.currency = query.currency;
  return filter;
}

function covers(doc: PipelineDoc, pipelineId: string, query: PipelineQuery): boolean {
  if (doc.grain !== pipelineGrainFor(query) || doc.pipelineId !== pipelineId || doc.count === 0) return false;
  if (given(query.ownerId) && doc.ownerId !== query.ownerId) return false;
  if (given(query.currency) && doc.currency !== query.currency) return false;
  const month = doc.closeMonth ?? '';
  if (given(query.closeDateFrom) && month < query.closeDateFrom.slice(0, 7)) return false;
  return !(given(query.closeDateTo) && month > query.closeDateTo.slice(0, 7));
}

const byCurrency = (a: Money, b: Money): number => (a.currency < b.currency ? -1 : 1);

/** Per currency, the stage's sum and that sum weighted by the probability, rounded once. */
function sums(docs: readonly PipelineDoc[], probability: number): Pick<PipelineStageSummary, 'amounts' | 'weightedAmounts'> {
  const totals = Money.sumByCurrency(docs.map((doc) => moneyOf({ amount: doc.amount, currency: doc.currency }))).sort(byCurrency);
  return {
    amounts: totals.map(moneyDoc),
    weightedAmounts: totals.map((total) => moneyDoc(Money.multiplyByPercent(total, probability))),
  };
}

/** The covered aggregates by stage key, in the order first seen. */
function byStage(docs: readonly PipelineDoc[], pipelineId: string, query: PipelineQuery): Map<string, PipelineDoc[]> {
  const grouped = new Map<string, PipelineDoc[]>();
  for (const doc of docs) {
    if (!covers(doc, pipelineId, query)) continue;
    const inStage = grouped.get(doc.stage);
    if (inStage === undefined) grouped.set(doc.stage, [doc]);
    else inStage.push(doc);
  }
  return grouped;
}

/**
 * The `stages` answer for `definition`'s pipeline: its stages in order, empty ones included, each
 * with its count and exact amounts per currency, weighted by the stage's probability as defined now.
 * Keys counted in the aggregates that the definition no longer has (a removed stage whose
 * opportunities are still being moved) come after, in key order, as `unknownStage` describes them.
 * Documents of another pipeline or grain or outside the query are ignored, so a caller that read
 * more than `pipelineFilterFor` selects never counts an opportunity twice.
 */
export function summarisePipeline(docs: readonly PipelineDoc[], definition: PipelineDefinition, query: PipelineQuery = {}): PipelineStageSummary[] {
  const grouped = byStage(docs, definition.pipelineId, query);
  const defined = new Set(definition.stages.map((stage) => stage.key));
  const leftOver = [...grouped.keys()].filter((key) => !defined.has(key)).sort().map(unknownStage);
  return [...definition.stages, ...leftOver].map(({ key, name, kind, forecastCategory, probability }) => {
    const inStage = grouped.get(key) ?? [];
    const count = inStage.reduce((sum, doc) => sum + doc.count, 0);
    return { stage: key, name, kind, forecastCategory, probability, count, ...sums(inStage, probability) };
  });
}
