import { OPPORTUNITY_EVENT_TYPES } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { DocKey, Projection, ProjectionDocs } from '../projection';
import { currencyUnit, type CurrencyUnit } from '../money';
import { opportunityEventOf } from '../domain-event';
import { aggregateIds, emptyAggregate, PIPELINE_GRAINS, shiftedAggregate, type PipelineDoc } from './pipeline-aggregate';
import {
  nextContribution,
  pipelineEventChangesContribution,
  sameContribution,
  type PipelineContribution,
  type PipelineOpportunityDoc,
} from './pipeline-contribution';

export const PIPELINE = 'pipeline';
export const PIPELINE_OPPORTUNITIES = 'pipeline_opportunities';

export type { PipelineOpportunityDoc } from './pipeline-contribution';

/** Only the opportunity's own document: the aggregates it counts in are named by that document. */
function prefetch(event: RecordedEvent): DocKey[] {
  const change = opportunityEventOf(event);
  if (change === null || !pipelineEventChangesContribution(change)) return [];
  return [{ collection: PIPELINE_OPPORTUNITIES, id: change.data.opportunityId }];
}

/** A contribution with what moving it needs: its currency's unit and its aggregate's id at each grain. */
type Placed = { contribution: PipelineContribution; unit: CurrencyUnit; ids: readonly string[] };

const placed = (contribution: PipelineContribution): Placed => ({
  contribution,
  unit: currencyUnit(contribution.currency),
  ids: aggregateIds(contribution),
});

const aggregateOf = (docs: ProjectionDocs, grain: number, { contribution, unit, ids }: Placed): PipelineDoc =>
  docs.get<PipelineDoc>(PIPELINE, ids[grain]) ?? emptyAggregate(ids[grain], PIPELINE_GRAINS[grain], contribution, unit);

/**
 * Takes the opportunity's previous contribution out of this grain's aggregate and puts the new one
 * in: one write when both are in the same aggregate (none when nothing it sums changed), else two.
 */
function moveWithinGrain(docs: ProjectionDocs, grain: number, before: Placed | null, after: Placed): void {
  const added = after.contribution;
  if (before !== null) {
    const removed = before.contribution;
    if (before.ids[grain] === after.ids[grain]) {
      if (removed.amount === added.amount) return;
      docs.put(PIPELINE, shiftedAggregate(aggregateOf(docs, grain, after), added, removed, after.unit));
      return;
    }
    docs.put(PIPELINE, shiftedAggregate(aggregateOf(docs, grain, before), null, removed, before.unit));
  }
  docs.put(PIPELINE, shiftedAggregate(aggregateOf(docs, grain, after), added, null, after.unit));
}

function apply(event: RecordedEvent, docs: ProjectionDocs): void {
  const change = opportunityEventOf(event);
  if (change === null || !pipelineEventChangesContribution(change)) return;
  const before = docs.get<PipelineOpportunityDoc>(PIPELINE_OPPORTUNITIES, change.data.opportunityId);
  const after = nextContribution(before, change);
  if (after === null || (before !== null && sameContribution(before, after))) return;
  const from = before === null ? null : placed(before);
  const to = placed(after);
  for (let grain = 0; grain < PIPELINE_GRAINS.length; grain++) moveWithinGrain(docs, grain, from, to);
  docs.put(PIPELINE_OPPORTUNITIES, after);
}

const on = (...fields: string[]) => ({ fields: fields.map((field) => ({ field })) });

/**
 * Pipeline counts and sums per pipeline and stage at four grains (stage; +owner; +close month;
 * +owner +close month), per currency, so the `pipeline` query reads a few dozen small documents
 * instead of every opportunity. Each opportunity's current contribution is kept under its id, which
 * names the aggregates to subtract it from when it changes. Version 3 split the sums by pipeline
 * and stopped keeping weighted sums (the definition's probabilities weight them when read).
 */
export const pipelineProjection: Projection = {
  name: 'pipeline',
  version: 3,
  collections: {
    [PIPELINE]: [
      on('grain', 'pipelineId', 'ownerId', 'closeMonth'),
      on('grain', 'pipelineId', 'closeMonth'),
      on('grain', 'pipelineId', 'currency'),
    ],
    [PIPELINE_OPPORTUNITIES]: [],
  },
  filter: { categories: ['opportunity'], eventTypes: OPPORTUNITY_EVENT_TYPES },
  prefetch,
  apply,
};
