import fc from 'fast-check';
import { DEFAULT_PIPELINE, Money, type PipelineDefinition } from '@crm/domain';
import { summarisePipeline, type PipelineQuery, type PipelineStageSummary } from '../projections/pipeline';
import { PIPELINES } from '../projections/testing/pipeline-events.fixtures';
import { forecastRows } from './forecast-rows';
import { MOVEMENT_BUCKETS, type CurrencyMovement, type MovementReport } from './movement.types';
import { pipelineDocsAt } from './pipeline-docs-at';
import { pipelineMovement } from './pipeline-movement';
import { stageVelocity } from './stage-velocity';
import { TimelineSet, type OpportunityVersionDoc } from './timeline.types';
import { docsAt, linesOf, onePerOpportunity, referenceMovement } from './testing/reference-reports';
import { docsInstantArbitrary, docsWindowArbitrary, queryArbitrary, versionDocsArbitrary } from './testing/version-docs.arbitrary';

const definitionOf = (query: PipelineQuery): PipelineDefinition => PIPELINES.find((p) => p.pipelineId === query.pipelineId) ?? DEFAULT_PIPELINE;

const setOf = (docs: readonly OpportunityVersionDoc[]): TimelineSet => {
  const set = new TimelineSet();
  for (const doc of docs) set.add(doc);
  return set;
};

const minor = (money: { amount: string; currency: string }): bigint => Money.fromJson(money).amountMinor;

/** Count and exact amounts per currency of the stages of one kind in a pipeline summary. */
function ofKind(stages: readonly PipelineStageSummary[], kind: string): { count: number; amounts: Record<string, bigint> } {
  const amounts: Record<string, bigint> = {};
  let count = 0;
  for (const stage of stages.filter((s) => s.kind === kind)) {
    count += stage.count;
    for (const money of stage.amounts) amounts[money.currency] = (amounts[money.currency] ?? 0n) + minor(money);
  }
  return { count, amounts };
}

describe('pipeline history computations, on random timelines', () => {
  it('answer the pipeline at any instant as the live read model would from the states then', () => {
    fc.assert(
      fc.property(versionDocsArbitrary(), fc.option(docsInstantArbitrary, { freq: 5 }), queryArbitrary, (docs, t, query) => {
        const definition = definitionOf(query);
        const expected = summarisePipeline(onePerOpportunity(docsAt(docs, t).values(), query), definition, query);
        expect(summarisePipeline(pipelineDocsAt(setOf(docs), t, query), definition, query)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('put each opportunity in the movement buckets the design names, balanced exactly per currency', () => {
    fc.assert(
      fc.property(versionDocsArbitrary(), docsWindowArbitrary, queryArbitrary, (docs, [from, to], query) => {
        const report = pipelineMovement(setOf(docs), from, to, query);
        const openedAt = (id: string) => Date.parse(docs.find((doc) => doc.opportunityId === id)!.openedAt);
        expect(linesOf(report)).toEqual(referenceMovement(docsAt(docs, from), docsAt(docs, to), openedAt, from, query));
        for (const movement of report.currencies) expectBalanced(movement);
      }),
      { numRuns: 400 },
    );
  });

  it('count and sum every bucket the same without listing its opportunities', () => {
    fc.assert(
      fc.property(versionDocsArbitrary(), docsWindowArbitrary, queryArbitrary, (docs, [from, to], query) => {
        const set = setOf(docs);
        const figures = (report: MovementReport) =>
          report.currencies.map((movement) => [movement.currency, ...MOVEMENT_BUCKETS.map((name) => `${movement[name].count} ${movement[name].amount.amount}`)]);
        const counted = pipelineMovement(set, from, to, query, { entries: false });
        expect(figures(counted)).toEqual(figures(pipelineMovement(set, from, to, query)));
        if (counted.currencies.length > 0) expect(() => counted.currencies[0].end.entries).toThrow(/without its entries/);
      }),
    );
  });

  it('start at the pipeline\'s open stages at `from` and end at those at `to`', () => {
    fc.assert(
      fc.property(versionDocsArbitrary(), docsWindowArbitrary, queryArbitrary, (docs, [from, to], query) => {
        const set = setOf(docs);
        const report = pipelineMovement(set, from, to, query);
        const openAt = (t: number) => ofKind(summarisePipeline(pipelineDocsAt(set, t, query), definitionOf(query), query), 'OPEN');
        const side = (bucket: 'start' | 'end') => ({
          count: report.currencies.reduce((sum, movement) => sum + movement[bucket].count, 0),
          amounts: Object.fromEntries(report.currencies.filter((m) => m[bucket].count > 0).map((m) => [m.currency, minor(m[bucket].amount)])),
        });
        expect(side('start')).toEqual(openAt(from));
        expect(side('end')).toEqual(openAt(to));
      }),
    );
  });

  it('forecast the open pipeline in rows that add up to it, and the won stage in their won amounts', () => {
    fc.assert(
      fc.property(versionDocsArbitrary(), fc.option(docsInstantArbitrary, { freq: 5 }), queryArbitrary, fc.constantFrom('MONTH' as const, 'QUARTER' as const), (docs, t, query, period) => {
        const set = setOf(docs);
        const definition = definitionOf(query);
        const rows = forecastRows(set, t, query, period, null, null, definition);
        const summary = summarisePipeline(pipelineDocsAt(set, t, query), definition, query);
        const summed = (pick: 'amounts' | 'won') => {
          const totals: Record<string, bigint> = {};
          for (const row of rows) for (const money of row[pick]) totals[money.currency] = (totals[money.currency] ?? 0n) + minor(money);
          return totals;
        };
        expect({ count: rows.reduce((sum, row) => sum + row.count, 0), amounts: summed('amounts') }).toEqual(ofKind(summary, 'OPEN'));
        expect(summed('won')).toEqual(ofKind(summary, 'WON').amounts);
        expect(rows.every((row) => row.count > 0 || row.won.length > 0)).toBe(true);
      }),
    );
  });

  it('count every entry into a stage of the pipeline once, with durations in order and rates that are shares', () => {
    fc.assert(
      fc.property(versionDocsArbitrary(), queryArbitrary, (docs, query) => {
        const definition = definitionOf(query);
        const rows = stageVelocity(setOf(docs), query, definition);
        expect(rows.map((row) => row.stage)).toEqual(['OPEN', 'WON', 'LOST'].flatMap((kind) => definition.stages.filter((s) => s.kind === kind).map((s) => s.key)));
        expect(rows.reduce((sum, row) => sum + row.entered, 0)).toBe(naiveEntries(docs, query, definition));
        for (const row of rows) {
          if (row.medianDays !== null) expect(row.medianDays).toBeLessThanOrEqual(row.p90Days!);
          for (const rate of [row.toNextStageRate, row.toWonRate]) if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
        }
      }),
    );
  });
});

/** The balance identity on the amounts as written, each bucket's entries adding up to its amount and count, by id. */
function expectBalanced(movement: CurrencyMovement): void {
  const m = (name: (typeof MOVEMENT_BUCKETS)[number]) => minor(movement[name].amount);
  expect(m('start') + m('created') + m('pulledIn') + m('increased') - m('decreased') - m('pushedOut') - m('won') - m('lost')).toBe(m('end'));
  for (const name of MOVEMENT_BUCKETS) {
    const { entries, count } = movement[name];
    expect(entries.reduce((sum, entry) => sum + entry.amountMinor, 0n)).toBe(m(name));
    expect(entries.length).toBe(count);
    expect(entries.every((entry, i) => entry.amountMinor >= 0n && (i === 0 || entries[i - 1].opportunityId < entry.opportunityId))).toBe(true);
  }
}

/** Entries by a plain scan: a version in the pipeline at a defined stage whose previous version was elsewhere. */
function naiveEntries(docs: readonly OpportunityVersionDoc[], query: PipelineQuery, definition: PipelineDefinition): number {
  const latest = docsAt(docs, null);
  const keys = new Set(definition.stages.map((stage) => stage.key));
  const counted = docs.filter((doc) => {
    const now = latest.get(doc.opportunityId)!;
    const matches = summarisePipeline(onePerOpportunity([now], query), definition, query).some((stage) => stage.count > 0);
    const previous = docs.find((other) => other.opportunityId === doc.opportunityId && other.seq === doc.seq - 1);
    const entered = previous === undefined || previous.pipelineId !== doc.pipelineId || previous.stage !== doc.stage;
    return matches && entered && doc.pipelineId === definition.pipelineId && keys.has(doc.stage);
  });
  return counted.length;
}
