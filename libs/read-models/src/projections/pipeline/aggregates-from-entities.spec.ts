import { LEAD_FUNNEL } from '../lead-funnel/lead-funnel-counts';
import { emptyFunnel, shiftFunnel, trackedLeadOf, type FunnelLead, type LeadFunnelDoc } from '../lead-funnel/lead-progress';
import { LEADS, leadsProjection } from '../leads/leads.projection';
import { matchesFilter } from '../../projector/projection-target';
import { currencyUnit, zeroAmount } from '../money';
import { aggregateIds, emptyAggregate, PIPELINE_GRAINS, shiftedAggregate, type PipelineDoc } from './pipeline-aggregate';
import { PIPELINE, PIPELINE_OPPORTUNITIES, pipelineProjection, type PipelineOpportunityDoc } from './pipeline.projection';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { workloadEvents } from './workload-events.fixtures';

const byId = <T extends { id: string }>(docs: readonly T[]): Record<string, T> => Object.fromEntries(docs.map((doc) => [doc.id, doc]));

/**
 * Aggregates kept by moving each entity's previous state out and its new state in must equal the
 * aggregates summed from scratch over the entities' current states, however their histories went.
 */
describe.each([1, 2])('aggregates after a realistic workload (seed %i)', (seed) => {
  const events = workloadEvents(4_000, seed);

  it('the pipeline equals the sum of the opportunities it holds', async () => {
    const kit = await new ProjectionTestKit(pipelineProjection).run(events);
    const expected: Record<string, PipelineDoc> = {};
    for (const c of kit.docs<PipelineOpportunityDoc>(PIPELINE_OPPORTUNITIES)) {
      const unit = currencyUnit(c.currency);
      aggregateIds(c).forEach((id, grain) => {
        expected[id] = shiftedAggregate(expected[id] ?? emptyAggregate(id, PIPELINE_GRAINS[grain], c, unit), c, null, unit);
      });
    }
    const aggregates = kit.docs<PipelineDoc>(PIPELINE);
    expect(Object.keys(expected).length).toBeGreaterThan(20);
    expect(new Set(aggregates.map((doc) => doc.pipelineId)).size).toBe(3);
    expect(byId(aggregates.filter((doc) => doc.count !== 0))).toEqual(expected);
    const emptied = aggregates.filter((doc) => doc.count === 0);
    expect(emptied.filter((doc) => doc.amountMinor !== 0 || doc.amount !== zeroAmount(currencyUnit(doc.currency)).amount)).toEqual([]);
  });

  it('the lead funnel equals the sum of the leads it holds', async () => {
    // The projector hands a projection only the events of its filter.
    const kit = await new ProjectionTestKit(leadsProjection).run(events.filter(matchesFilter(leadsProjection.filter)));
    const expected: Record<string, LeadFunnelDoc> = {};
    for (const lead of kit.docs<FunnelLead>(LEADS).map(trackedLeadOf)) {
      const id = `source|${lead.source}|${lead.captureMonth}`;
      expected[id] = shiftFunnel(expected[id] ?? emptyFunnel(lead.source, lead.captureMonth), lead, null);
    }
    expect(Object.keys(expected).length).toBeGreaterThan(5);
    expect(byId(kit.docs<LeadFunnelDoc>(LEAD_FUNNEL))).toEqual(expected);
  });
});
