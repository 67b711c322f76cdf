import fc from 'fast-check';
import { OPPORTUNITY_EVENT_TYPES } from '@crm/domain';
import { WORKLOAD_CURRENCIES, WORKLOAD_END, WORKLOAD_PIPELINES, WORKLOAD_START, opportunityWorkloadArbitrary } from './opportunity-workload';
import { referenceStatesAt } from './reference-states';

const DAY = 86_400_000;
const samples = fc.sample(opportunityWorkloadArbitrary(), { numRuns: 60, seed: 7 });
const all = samples.flat();

describe('opportunity workloads', () => {
  it('hold every kind of opportunity event, in every pipeline and currency', () => {
    expect(new Set(all.map((event) => event.type))).toEqual(new Set(OPPORTUNITY_EVENT_TYPES));
    const reached = new Set(samples.flatMap((events) => [...referenceStatesAt(events, null).values()].map((s) => s.pipelineId)));
    expect(reached).toEqual(new Set(WORKLOAD_PIPELINES.map((pipeline) => pipeline.pipelineId)));
    const currencies = new Set(samples.flatMap((events) => [...referenceStatesAt(events, null).values()].map((s) => s.amount.currency)));
    expect(currencies).toEqual(new Set(WORKLOAD_CURRENCIES));
  });

  it('are recorded as a log: positions from 1, revisions from 0 per stream', () => {
    for (const events of samples) {
      expect(events.map((event) => event.position)).toEqual(events.map((_, i) => BigInt(i + 1)));
      const revisions = new Map<string, number>();
      for (const event of events) {
        expect(event.revision).toBe(revisions.get(event.streamName) ?? 0);
        revisions.set(event.streamName, event.revision + 1);
      }
    }
  });

  it('spread business times over a year, some events backdated before an earlier one of their log', () => {
    const times = all.map((event) => Date.parse(event.metadata.occurredAt as string));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(WORKLOAD_START - 60 * DAY);
    expect(Math.max(...times)).toBeLessThan(WORKLOAD_END);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(300 * DAY);
    const backdated = samples.flatMap((events) => events.filter((event, i) => i > 0 && event.metadata.occurredAt < events[i - 1].metadata.occurredAt));
    expect(backdated.length).toBeGreaterThan(all.length / 30);
  });
});
