import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID } from '@crm/domain';
import { acme, deal, eur, lost, opened, otherDeal, registered, stageChanged, won } from '../testing/domain-events.fixtures';
import { EventLog, type LoggedEvent } from '../testing/event-log.fixtures';
import { PARTNERS, RENEWALS, movedToPipeline, pipelineArchived, pipelineDefined, pipelineRevised, reweighted } from '../testing/pipeline-events.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { OPPORTUNITIES, opportunitiesProjection } from './opportunities.projection';
import type { OpportunityDoc } from './opportunity-doc';
import { stagePricing } from './stage-pricing';

const run = (events: LoggedEvent[]) => new ProjectionTestKit(opportunitiesProjection).run(new EventLog().recordAll(events));
const opportunity = (kit: ProjectionTestKit, id = deal) => kit.doc<OpportunityDoc>(OPPORTUNITIES, id) as OpportunityDoc;
const toRenewals = (fromStage: string, toStage: string): LoggedEvent =>
  movedToPipeline({ opportunityId: deal, accountId: acme, from: DEFAULT_PIPELINE, to: RENEWALS, fromStage, toStage });

describe('opportunities in several pipelines', () => {
  it('keeps the pipeline and stage key, and nothing the definition decides', async () => {
    const kit = await run([opened({ pipelineId: RENEWALS.pipelineId, stage: 'QUOTED' })]);
    expect(opportunity(kit)).toMatchObject({ pipelineId: RENEWALS.pipelineId, stage: 'QUOTED' });
    expect(opportunity(kit)).not.toHaveProperty('probability');
    expect(opportunity(kit)).not.toHaveProperty('weightedAmount');
  });

  it('follows a move to another pipeline and its stages there, to the closing stage reached', async () => {
    const kit = await run([registered(acme, 'Acme'), opened(), toRenewals('PROSPECTING', 'CONTACTED'), stageChanged('CONTACTED', 'AGREED')]);
    expect(opportunity(kit)).toMatchObject({
      pipelineId: RENEWALS.pipelineId,
      stage: 'AGREED',
      status: 'OPEN',
      stageEnteredAt: '2026-01-05T13:00:00.000Z',
      updatedAt: '2026-01-05T13:00:00.000Z',
      revision: 2,
    });
    const closed = await run([opened(), toRenewals('PROSPECTING', 'DUE'), won(eur('12500.00'), 'DUE', 'rep-1', undefined, 'RENEWED')]);
    expect(opportunity(closed)).toMatchObject({ pipelineId: RENEWALS.pipelineId, stage: 'RENEWED', status: 'WON' });
    const partner = await run([opened({ pipelineId: PARTNERS.pipelineId, stage: 'SOURCED' }), lost(eur('12500.00'), 'SOURCED', 'rep-1', undefined, 'NO_DECISION')]);
    expect(opportunity(partner)).toMatchObject({ pipelineId: PARTNERS.pipelineId, stage: 'NO_DECISION', status: 'LOST' });
  });

  it('does no work when a pipeline is defined, revised or archived', async () => {
    const log = new EventLog();
    const kit = await new ProjectionTestKit(opportunitiesProjection).run(log.recordAll([opened(), opened({ opportunityId: otherDeal, pipelineId: RENEWALS.pipelineId, stage: 'DUE' })]));
    const before = kit.snapshot();
    const pipelineEvents = log.recordAll([pipelineDefined(RENEWALS), pipelineRevised(RENEWALS, reweighted(RENEWALS, { DUE: 35 })), pipelineArchived(RENEWALS)]);
    expect(pipelineEvents.map((event) => opportunitiesProjection.prefetch(event))).toEqual([[], [], []]);
    await kit.run(pipelineEvents);
    expect(kit.snapshot()).toEqual(before);
    expect(opportunitiesProjection.filter?.categories).not.toContain('pipeline');
  });

  it('lists a pipeline by its id, at any of its stage keys', async () => {
    const kit = await run([opened(), opened({ opportunityId: otherDeal, pipelineId: RENEWALS.pipelineId, stage: 'DUE' })]);
    expect(kit.find(OPPORTUNITIES, { pipelineId: RENEWALS.pipelineId }).map((doc) => doc.id)).toEqual([otherDeal]);
    expect(kit.find(OPPORTUNITIES, { pipelineId: DEFAULT_PIPELINE_ID, stage: { $in: ['PROSPECTING', 'DUE'] } }).map((doc) => doc.id)).toEqual([deal]);
  });
});

describe('stage pricing', () => {
  const amount = { amount: '12500.05', currency: 'EUR', amountMinor: 1250005 };

  it("gives the stage's name, probability, forecast category and weighted amount from the definition", () => {
    expect(stagePricing({ stage: 'NEGOTIATION', amount }, DEFAULT_PIPELINE)).toEqual({
      stageName: 'Negotiation',
      probability: 80,
      forecastCategory: 'COMMIT',
      weightedAmount: { amount: '10000.04', currency: 'EUR', amountMinor: 1000004 },
    });
    expect(stagePricing({ stage: 'CLOSED_WON', amount }, DEFAULT_PIPELINE)).toMatchObject({ probability: 100, forecastCategory: 'CLOSED', weightedAmount: { amount: '12500.05' } });
    expect(stagePricing({ stage: 'CHURNED', amount }, RENEWALS)).toMatchObject({ stageName: 'Churned', probability: 0, forecastCategory: 'OMITTED', weightedAmount: { amount: '0.00' } });
  });

  it('rounds half away from zero to the minor unit, and follows a revision that re-weights the stage', () => {
    const tiny = { amount: '0.05', currency: 'EUR', amountMinor: 5 };
    expect(stagePricing({ stage: 'PROSPECTING', amount: tiny }, DEFAULT_PIPELINE).weightedAmount).toEqual({ amount: '0.01', currency: 'EUR', amountMinor: 1 });
    const yen = { amount: '15', currency: 'JPY', amountMinor: 15 };
    expect(stagePricing({ stage: 'PROPOSAL', amount: yen }, DEFAULT_PIPELINE).weightedAmount.amount).toBe('8');
    expect(stagePricing({ stage: 'PROPOSAL', amount }, reweighted(DEFAULT_PIPELINE, { PROPOSAL: 65 }))).toMatchObject({
      probability: 65,
      weightedAmount: { amount: '8125.03' },
    });
  });

  it('reads a key the definition no longer has as that key, at 0 %, omitted from forecasts', () => {
    expect(stagePricing({ stage: 'QUALIFICATION', amount }, RENEWALS)).toEqual({
      stageName: 'QUALIFICATION',
      probability: 0,
      forecastCategory: 'OMITTED',
      weightedAmount: { amount: '0.00', currency: 'EUR', amountMinor: 0 },
    });
  });
});
