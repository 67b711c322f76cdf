import { Money, OPPORTUNITY_STAGES, stageProbability, type OpportunityStage } from '@crm/domain';
import type { Filter } from '../../store/read-store.port';
import { moneyDoc, moneyOf, type MoneyDoc } from '../money';
import type { PipelineDoc, PipelineGrain } from './pipeline-aggregate';

/**
 * What the `pipeline` query filters on. Close dates are matched by month: the aggregates are per
 * close month, so a range covers every month it touches, whole (2026-03-15..2026-04-10 is March and April).
 */
export type PipelineQuery = {
  ownerId?: string | null;
  closeDateFrom?: string | null;
  closeDateTo?: string | null;
  currency?: string | null;
};

export type PipelineStageSummary = {
  stage: OpportunityStage;
  probability: number;
  count: number;
  amounts: MoneyDoc[];
  weightedAmounts: MoneyDoc[];
};

const given = (value: string | null | undefined): value is string => typeof value === 'string' && value !== '';

const hasCloseDates = (query: PipelineQuery): boolean => given(query.closeDateFrom) || given(query.closeDateTo);

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
  const filter: Filter = { grain: pipelineGrainFor(query), ...closeMonthRange(query) };
  if (given(query.ownerId)) filter.ownerId = query.ownerId;
  if (given(query.currency)) filter.currency = query.currency;
  return filter;
}

function covers(doc: PipelineDoc, query: PipelineQuery): boolean {
  if (doc.grain !== pipelineGrainFor(query)) return false;
  if (given(query.ownerId) && doc.ownerId !== query.ownerId) return false;
  if (given(query.currency) && doc.currency !== query.currency) return false;
  const month = doc.closeMonth ?? '';
  if (given(query.closeDateFrom) && month < query.closeDateFrom.slice(0, 7)) return false;
  return !(given(query.closeDateTo) && month > query.closeDateTo.slice(0, 7));
}

function totals(docs: readonly PipelineDoc[], field: 'amount' | 'weightedAmount'): MoneyDoc[] {
  const sums = Money.sumByCurrency(docs.map((doc) => moneyOf({ amount: doc[field], currency: doc.currency })));
  return sums.map(moneyDoc).sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/**
 * The `stages` answer: all six stages in pipeline order, each with its count and exact amounts per
 * currency. Documents of other grains or outside the query are ignored, so a caller that read more
 * than `pipelineFilterFor` selects never counts an opportunity twice.
 */
export function summarisePipeline(docs: readonly PipelineDoc[], query: PipelineQuery = {}): PipelineStageSummary[] {
  const covered = docs.filter((doc) => covers(doc, query));
  return OPPORTUNITY_STAGES.map((stage) => {
    const inStage = covered.filter((doc) => doc.stage === stage && doc.count !== 0);
    return {
      stage,
      probability: stageProbability(stage),
      count: inStage.reduce((sum, doc) => sum + doc.count, 0),
      amounts: totals(inStage, 'amount'),
      weightedAmounts: totals(inStage, 'weightedAmount'),
    };
  });
}
