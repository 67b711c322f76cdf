import fc from 'fast-check';
import { Money, type PipelineDefinition } from '@crm/domain';
import { ACCOUNTS, accountsProjection } from '../accounts/accounts.projection';
import type { AccountDoc } from '../accounts/account-doc';
import { OPPORTUNITIES, opportunitiesProjection } from '../opportunities/opportunities.projection';
import type { OpportunityDoc } from '../opportunities/opportunity-doc';
import { moneyDoc, moneyOf, type MoneyDoc } from '../money';
import { sumByCurrency } from '../money/reference-totals.fixtures';
import { pipelineDefinitionsProjection } from '../pipeline-definitions/pipeline-definitions.projection';
import { EventLog } from '../testing/event-log.fixtures';
import { PIPELINES, RENEWALS, openKeys, pipelineRevised, reweighted } from '../testing/pipeline-events.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { opportunityHistories } from './opportunity-history.fixtures';
import { PIPELINE_GRAINS, type PipelineDoc } from './pipeline-aggregate';
import { summarisePipeline } from './pipeline-summary';
import { PIPELINE, pipelineProjection } from './pipeline.projection';

const totals = (items: readonly Money[]): string[] => sumByCurrency(items).map((t) => `${t.amount} ${t.currency}`);
const fromDocs = (docs: readonly MoneyDoc[]): Money[] => docs.map(moneyOf);

function openTotals(docs: readonly PipelineDoc[], grain: string, definition: PipelineDefinition) {
  const open = new Set(openKeys(definition));
  const held = docs.filter((doc) => doc.grain === grain && doc.pipelineId === definition.pipelineId && open.has(doc.stage));
  return {
    count: held.reduce((sum, doc) => sum + doc.count, 0),
    sums: totals(held.map((doc) => moneyOf({ amount: doc.amount, currency: doc.currency }))),
  };
}

const byCurrency = (a: Money, b: Money): number => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0);

/**
 * Per stage of the definition: its opportunities' amounts summed per currency, each sum weighted
 * once. Every currency a stage holds has an entry, a sum of zero too (deals of 0.00 are deals).
 */
function weightedByStage(opportunities: readonly OpportunityDoc[], definition: PipelineDefinition): Record<string, MoneyDoc[]> {
  const inPipeline = opportunities.filter((doc) => doc.pipelineId === definition.pipelineId);
  return Object.fromEntries(
    definition.stages.map(({ key, probability }) => {
      const sums = Money.sumByCurrency(inPipeline.filter((doc) => doc.stage === key).map((doc) => moneyOf(doc.amount))).sort(byCurrency);
      return [key, sums.map((sum) => moneyDoc(Money.multiplyByPercent(sum, probability)))];
    }),
  );
}

const summaryWeights = (aggregates: readonly PipelineDoc[], definition: PipelineDefinition): Record<string, MoneyDoc[]> =>
  Object.fromEntries(summarisePipeline(aggregates, definition).map((stage) => [stage.stage, stage.weightedAmounts]));

const project = (events: ReturnType<EventLog['recordAll']>) =>
  Promise.all([opportunitiesProjection, accountsProjection, pipelineProjection].map((p) => new ProjectionTestKit(p).run(events)));

describe('open pipeline across projections', () => {
  it('sums the same open amounts per pipeline and currency in opportunities and every pipeline grain, and in all accounts together', async () => {
    await fc.assert(
      fc.asyncProperty(opportunityHistories, async (history) => {
        const [opportunities, accounts, pipeline] = await project(new EventLog().recordAll(history));
        const open = opportunities.docs<OpportunityDoc>(OPPORTUNITIES).filter((doc) => doc.status === 'OPEN');
        const accountDocs = accounts.docs<AccountDoc>(ACCOUNTS);
        expect({
          count: accountDocs.reduce((sum, doc) => sum + doc.openOpportunityCount, 0),
          sums: totals(accountDocs.flatMap((doc) => fromDocs(doc.openPipeline))),
        }).toEqual({ count: open.length, sums: totals(open.map((doc) => moneyOf(doc.amount))) });
        const aggregates = pipeline.docs<PipelineDoc>(PIPELINE);
        for (const definition of PIPELINES) {
          const mine = open.filter((doc) => doc.pipelineId === definition.pipelineId);
          const expected = { count: mine.length, sums: totals(mine.map((doc) => moneyOf(doc.amount))) };
          for (const grain of PIPELINE_GRAINS) expect(openTotals(aggregates, grain, definition)).toEqual(expected);
        }
      }),
    );
  });

  it("weights each pipeline's stage sums by its definition's probabilities, and follows a revision that re-weights without any projection work", async () => {
    await fc.assert(
      fc.asyncProperty(opportunityHistories, fc.integer({ min: 0, max: 100 }), async (history, probability) => {
        const log = new EventLog();
        const [opportunities, , pipeline] = await project(log.recordAll(history));
        const docs = () => opportunities.docs<OpportunityDoc>(OPPORTUNITIES);
        for (const definition of PIPELINES) {
          expect(summaryWeights(pipeline.docs<PipelineDoc>(PIPELINE), definition)).toEqual(weightedByStage(docs(), definition));
        }
        const before = [opportunities.snapshot(), pipeline.snapshot()];
        const revisedRenewals = reweighted(RENEWALS, { QUOTED: probability, RENEWED: 100 - probability });
        const revision = log.recordAll([pipelineRevised(RENEWALS, revisedRenewals)]);
        await Promise.all([opportunities.run(revision), pipeline.run(revision)]);
        expect([opportunities.snapshot(), pipeline.snapshot()]).toEqual(before);
        expect(summaryWeights(pipeline.docs<PipelineDoc>(PIPELINE), revisedRenewals)).toEqual(weightedByStage(docs(), revisedRenewals));
      }),
      { numRuns: 50 },
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
    const projections = [accountsProjection, pipelineProjection, opportunitiesProjection, pipelineDefinitionsProjection];
    const cases = fc.tuple(opportunityHistories, fc.nat(), fc.nat(), fc.constantFrom(...projections));
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
