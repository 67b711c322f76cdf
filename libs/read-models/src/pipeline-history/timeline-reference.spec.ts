import fc from 'fast-check';
import { OPPORTUNITY_VERSIONS, opportunityTimelineProjection } from '../projections/opportunity-timeline/opportunity-timeline.projection';
import { ProjectionTestKit } from '../projections/testing/projection-test-kit';
import { opportunityWorkloadArbitrary, workloadInstantArbitrary } from './testing/opportunity-workload';
import { referenceStatesAt, referenceVersionOf } from './testing/reference-states';
import { TimelineSet, versionAt, type OpportunityVersion, type OpportunityVersionDoc } from './timeline.types';

const fieldsOf = ({ seq: _seq, at: _at, ...fields }: OpportunityVersion) => fields;

describe('opportunity timelines against the reference fold', () => {
  it('give, for any workload and instant, every opportunity as it stood then', async () => {
    await fc.assert(
      fc.asyncProperty(opportunityWorkloadArbitrary(), fc.array(workloadInstantArbitrary, { minLength: 1, maxLength: 8 }), async (events, instants) => {
        const kit = await new ProjectionTestKit(opportunityTimelineProjection).run(events);
        const timelines = new TimelineSet();
        for (const doc of kit.docs<OpportunityVersionDoc>(OPPORTUNITY_VERSIONS)) timelines.add(doc);
        expect(timelines.size).toBe(referenceStatesAt(events, null).size);
        for (const t of instants) {
          const reference = referenceStatesAt(events, t);
          for (const id of new Set(events.map((event) => String(event.data.opportunityId)))) {
            const timeline = timelines.get(id)!;
            const version = versionAt(timeline, t);
            const expected = reference.get(id);
            expect({ id, t, version: version && fieldsOf(version) }).toEqual({ id, t, version: expected === undefined ? null : referenceVersionOf(expected) });
            if (expected !== undefined) expect(timeline.openedAt).toBe(expected.openedAt);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
