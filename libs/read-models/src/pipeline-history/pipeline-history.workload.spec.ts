import fc from 'fast-check';
import { DEFAULT_PIPELINE, Money, type PipelineDefinition } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import { PIPELINE, pipelineFilterFor, pipelineProjection, summarisePipeline, type PipelineDoc, type PipelineQuery } from '../projections/pipeline';
import { OPPORTUNITY_VERSIONS, opportunityTimelineProjection } from '../projections/opportunity-timeline';
import { ProjectionTestKit } from '../projections/testing/projection-test-kit';
import { forecastRows } from './forecast-rows';
import { pipelineDocsAt } from './pipeline-docs-at';
import { pipelineMovement } from './pipeline-movement';
import { TimelineSet, type OpportunityVersionDoc } from './timeline.types';
import { inPipeline, linesOf, onePerOpportunity, referenceMovement } from './testing/reference-reports';
import { referenceStatesAt } from './testing/reference-states';
import {
  opportunityWorkloadArbitrary,
  WORKLOAD_CURRENCIES,
  WORKLOAD_END,
  WORKLOAD_OWNERS,
  WORKLOAD_PIPELINES,
  WORKLOAD_START,
  workloadInstantArbitrary,
} from './testing/opportunity-workload';

const DAY = 86_400_000;

/** The timelines the projection writes for the events, held as the reports hold them. */
async function timelinesOf(events: readonly RecordedEvent[]): Promise<TimelineSet> {
  const kit = await new ProjectionTestKit(opportunityTimelineProjection).run(events);
  const set = new TimelineSet();
  for (const doc of kit.docs<OpportunityVersionDoc>(OPPORTUNITY_VERSIONS)) set.add(doc);
  return set;
}

const closeDate = fc.nat({ max: 455 }).map((day) => new Date(WORKLOAD_START + day * DAY).toISOString().slice(0, 10));
const sometimes = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
const query: fc.Arbitrary<PipelineQuery> = fc.record({
  pipelineId: sometimes(fc.constantFrom(...WORKLOAD_PIPELINES.map((pipeline) => pipeline.pipelineId))),
  ownerId: sometimes(fc.constantFrom(...WORKLOAD_OWNERS)),
  currency: sometimes(fc.constantFrom(...WORKLOAD_CURRENCIES)),
  closeDateFrom: sometimes(closeDate),
  closeDateTo: sometimes(closeDate),
});
const window = fc
  .tuple(fc.integer({ min: WORKLOAD_START - 60 * DAY, max: WORKLOAD_END }), fc.nat({ max: 120 * DAY }))
  .map(([from, length]): [number, number] => [from, from + length]);

/** "amount currency" lines summed per currency, sorted by currency, as MoneyDocs list them. */
const totals = (lines: readonly string[]): string[] =>
  Money.sumByCurrency(lines.map((line) => Money.fromJson({ amount: line.split(' ')[0], currency: line.split(' ')[1] })))
    .sort((a, b) => (a.currency < b.currency ? -1 : 1))
    .map((total) => `${Money.format(total)} ${total.currency}`);

const definitionOf = (q: PipelineQuery): PipelineDefinition => WORKLOAD_PIPELINES.find((p) => p.pipelineId === q.pipelineId) ?? DEFAULT_PIPELINE;

describe('pipeline history computations, on recorded workloads', () => {
  it('answer the pipeline at any instant as the reference fold of the events up to it gives it', async () => {
    await fc.assert(
      fc.asyncProperty(opportunityWorkloadArbitrary(), fc.array(fc.tuple(workloadInstantArbitrary, query), { minLength: 1, maxLength: 6 }), async (events, reads) => {
        const timelines = await timelinesOf(events);
        for (const [t, q] of reads) {
          const expected = summarisePipeline(onePerOpportunity(referenceStatesAt(events, t).values(), q), definitionOf(q), q);
          expect(summarisePipeline(pipelineDocsAt(timelines, t, q), definitionOf(q), q)).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('answer the pipeline now exactly as the live pipeline read model does', async () => {
    await fc.assert(
      fc.asyncProperty(opportunityWorkloadArbitrary(), fc.array(query, { minLength: 1, maxLength: 6 }), async (events, queries) => {
        const timelines = await timelinesOf(events);
        const live = await new ProjectionTestKit(pipelineProjection).run(events);
        for (const q of queries) {
          const expected = summarisePipeline(live.find(PIPELINE, pipelineFilterFor(q)) as PipelineDoc[], definitionOf(q), q);
          expect(summarisePipeline(pipelineDocsAt(timelines, null, q), definitionOf(q), q)).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('forecast the open deals of the reference states by close month and category, and the won ones in all', async () => {
    await fc.assert(
      fc.asyncProperty(opportunityWorkloadArbitrary(), fc.array(fc.tuple(workloadInstantArbitrary, query), { minLength: 1, maxLength: 6 }), async (events, reads) => {
        const timelines = await timelinesOf(events);
        for (const [t, q] of reads) {
          const definition = definitionOf(q);
          const rows = forecastRows(timelines, t, q, 'MONTH', null, null, definition);
          const states = [...referenceStatesAt(events, t).values()];
          const category = (stage: string) => definition.stages.find((s) => s.key === stage)?.forecastCategory ?? 'OMITTED';
          const open: Record<string, string[]> = {};
          for (const state of states.filter((s) => inPipeline(s, q))) (open[`${state.expectedCloseDate.slice(0, 7)} ${category(state.stage)}`] ??= []).push(state.amount.amount + ' ' + state.amount.currency);
          const expected = Object.fromEntries(Object.entries(open).map(([key, amounts]) => [key, { count: amounts.length, amounts: totals(amounts) }]));
          const actual = Object.fromEntries(rows.filter((row) => row.count > 0).map((row) => [`${row.period} ${row.category}`, { count: row.count, amounts: row.amounts.map((m) => `${m.amount} ${m.currency}`) }]));
          expect(actual).toEqual(expected);
          const won = states.filter((s) => s.status === 'WON' && inPipeline({ ...s, status: 'OPEN' }, q)).map((s) => `${s.amount.amount} ${s.amount.currency}`);
          expect(totals(rows.flatMap((row) => row.won.map((m) => `${m.amount} ${m.currency}`)))).toEqual(totals(won));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('explain the movement between two instants as the reference states at both give it', async () => {
    await fc.assert(
      fc.asyncProperty(opportunityWorkloadArbitrary(), fc.array(fc.tuple(window, query), { minLength: 1, maxLength: 6 }), async (events, reads) => {
        const timelines = await timelinesOf(events);
        const now = referenceStatesAt(events, null);
        const openedAt = (id: string) => now.get(id)!.openedAt;
        for (const [[from, to], q] of reads) {
          const expected = referenceMovement(referenceStatesAt(events, from), referenceStatesAt(events, to), openedAt, from, q);
          expect(linesOf(pipelineMovement(timelines, from, to, q))).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });
});
