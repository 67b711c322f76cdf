import fc from 'fast-check';
import { OPEN_STAGES, type Money } from '@crm/domain';
import { ACCOUNTS, accountsProjection } from '../accounts/accounts.projection';
import type { AccountDoc } from '../accounts/account-doc';
import { OPPORTUNITIES, opportunitiesProjection } from '../opportunities/opportunities.projection';
import type { OpportunityDoc } from '../opportunities/opportunity-doc';
import { moneyOf, type MoneyDoc } from '../money';
import { sumByCurrency } from '../money/reference-totals.fixtures';
import { EventLog } from '../testing/event-log.fixtures';
import { opportunityHistories } from './opportunity-history.fixtures';
import { PIPELINE_GRAINS, type PipelineDoc } from './pipeline-aggregate';
import { PIPELINE, pipelineProjection } from './pipeline.projection';
import { ProjectionTestKit } from '../testing/projection-test-kit';

const totals = (items: readonly Money[]): string[] => sumByCurrency(items).map((t) => `${t.amount} ${t.currency}`);
const fromDocs = (docs: readonly MoneyDoc[]): Money[] => docs.map(moneyOf);
const isOpen = (stage: string): boolean => (OPEN_STAGES as readonly string[]).includes(stage);

function pipelineTotals(docs: readonly PipelineDoc[], grain: string, field: 'amount' | 'weightedAmount') {
  const open = docs.filter((doc) => doc.grain === grain && isOpen(doc.stage));
  return {
    count: open.reduce((sum, doc) => sum + doc.count, 0),
    sums: totals(open.map((doc) => moneyOf({ amount: doc[field], currency: doc.currency }))),
  };
}

describe('open pipeline across projections', () => {
  it('sums the same open amounts per currency in opportunities, accounts and every pipeline grain', async () => {
    await fc.assert(
      fc.asyncProperty(opportunityHistories, async (history) => {
        const events = new EventLog().recordAll(history);
        const [opportunities, accounts, pipeline] = await Promise.all(
          [opportunitiesProjection, accountsProjection, pipelineProjection].map((p) => new ProjectionTestKit(p).run(events)),
        );
        const open = opportunities.docs<OpportunityDoc>(OPPORTUNITIES).filter((doc) => doc.status === 'OPEN');
        const expected = { count: open.length, sums: totals(open.map((doc) => moneyOf(doc.amount))) };
        const accountDocs = accounts.docs<AccountDoc>(ACCOUNTS);
        expect({
          count: accountDocs.reduce((sum, doc) => sum + doc.openOpportunityCount, 0),
          sums: totals(accountDocs.flatMap((doc) => fromDocs(doc.openPipeline))),
        }).toEqual(expected);
        const aggregates = pipeline.docs<PipelineDoc>(PIPELINE);
        for (const grain of PIPELINE_GRAINS) expect(pipelineTotals(aggregates, grain, 'amount')).toEqual(expected);
        const weighted = totals(open.map((doc) => moneyOf(doc.weightedAmount)));
        expect(pipelineTotals(aggregates, 'stage', 'weightedAmount').sums).toEqual(weighted);
      }),
    );
  });

  it('sums the same won amounts in opportunities and accounts', async () => {
    await fc.assert(
      fc.asyncProperty(opportunityHistories, async (history) => {
        const events = new EventLog().recordAll(history);
        const opportunities = await new ProjectionTestKit(opportunitiesProjection).run(events);
        const accounts = await new ProjectionTestKit(accountsProjection).run(events);
        const wonDocs = opportunities.docs<OpportunityDoc>(OPPORTUNITIES).filter((doc) => doc.status === 'WON');
        const accountWon = accounts.docs<AccountDoc>(ACCOUNTS).flatMap((doc) => fromDocs(doc.wonAmount));
        expect(totals(accountWon)).toEqual(totals(wonDocs.map((doc) => moneyOf(doc.amount))));
      }),
    );
  });

  it('changes nothing when any stretch of the log it applied is applied again', async () => {
    const cases = fc.tuple(opportunityHistories, fc.nat(), fc.nat(), fc.constantFrom(accountsProjection, pipelineProjection));
    await fc.assert(
      fc.asyncProperty(cases, async ([history, a, b, projection]) => {
        const events = new EventLog().recordAll(history);
        const [from, to] = [a % (events.length + 1), b % (events.length + 1)].sort((x, y) => x - y);
        const kit = await new ProjectionTestKit(projection).run(events);
        const applied = kit.snapshot();
        await kit.run(events.slice(from, to));
        expect(kit.snapshot()).toEqual(applied);
      }),
    );
  });
});
