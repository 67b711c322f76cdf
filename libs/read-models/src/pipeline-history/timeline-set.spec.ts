import fc from 'fast-check';
import { DEFAULT_PIPELINE } from '@crm/domain';
import { PIPELINES } from '../projections/testing/pipeline-events.fixtures';
import { forecastRows } from './forecast-rows';
import { pipelineDocsAt } from './pipeline-docs-at';
import { pipelineMovement } from './pipeline-movement';
import { stageVelocity } from './stage-velocity';
import { TimelineSet, type OpportunityVersionDoc, type Timelines } from './timeline.types';
import { opportunity } from './testing/version-docs.fixtures';
import { docsInstantArbitrary, docsWindowArbitrary, versionDocsArbitrary } from './testing/version-docs.arbitrary';

/** The same timelines without kept columns, in reverse id order: every report lays them out afresh. */
const plain = (set: TimelineSet): Timelines => ({
  get: (id) => set.get(id),
  inPipeline: (pipelineId) => [...set.inPipeline(pipelineId)].reverse(),
  size: set.size,
});

/** Every report of every pipeline, from which timelines. */
const reports = (timelines: Timelines, t: number, [from, to]: [number, number]) =>
  PIPELINES.map((definition) => {
    const query = { pipelineId: definition.pipelineId };
    return {
      docs: pipelineDocsAt(timelines, t, query),
      movement: pipelineMovement(timelines, from, to, query),
      forecast: forecastRows(timelines, t, query, 'QUARTER', null, null, definition),
      velocity: stageVelocity(timelines, query, definition),
    };
  });

describe('TimelineSet', () => {
  it('keeps the columns it lays out up with versions added between reports, in any order', () => {
    const shuffled = fc.tuple(versionDocsArbitrary(), fc.array(fc.nat(), { maxLength: 400 })).map(([docs, keys]) => docs.map((doc, i) => ({ doc, key: keys[i] ?? i })).sort((a, b) => a.key - b.key).map(({ doc }) => doc));
    fc.assert(
      fc.property(shuffled, fc.array(fc.nat({ max: 400 }), { maxLength: 6 }), docsInstantArbitrary, docsWindowArbitrary, (docs, readsAfter, t, window) => {
        const set = new TimelineSet();
        docs.forEach((doc, i) => {
          set.add(doc);
          if (readsAfter.includes(i)) reports(set, t, window);
        });
        for (const doc of docs.slice(0, 5)) set.add(doc);
        expect(reports(set, t, window)).toEqual(reports(plain(set), t, window));
        for (const { pipelineId } of PIPELINES) {
          const ids = set.inPipeline(pipelineId).map((timeline) => timeline.opportunityId);
          expect(ids).toEqual([...new Set(docs.filter((doc) => doc.pipelineId === pipelineId).map((doc) => doc.opportunityId))].sort());
        }
      }),
    );
  });

  it('sorts again rather than inserting when many new opportunities arrive after a report', () => {
    const set = new TimelineSet();
    const docs = (n: number): OpportunityVersionDoc[] => opportunity(`opp-${String(n).padStart(4, '0')}`, '2026-01-10', { amount: `${n}.00` }, ['2026-02-10', { stage: 'PROPOSAL' }]);
    for (let n = 0; n < 300; n += 2) docs(n).forEach((doc) => set.add(doc));
    expect(pipelineDocsAt(set, null, {}).map((doc) => doc.count)).toEqual([150]);
    for (let n = 1; n < 300; n += 2) docs(n).forEach((doc) => set.add(doc));
    const ids = set.inPipeline(DEFAULT_PIPELINE.pipelineId).map((timeline) => timeline.opportunityId);
    expect(ids).toEqual([...ids].sort());
    expect(pipelineDocsAt(set, null, {})).toEqual(pipelineDocsAt(plain(set), null, {}));
    expect(pipelineDocsAt(set, null, {}).map((doc) => `${doc.stage} ${doc.count} ${doc.amount}`)).toEqual([`PROPOSAL 300 ${(299 * 300) / 2}.00`]);
  });
});
