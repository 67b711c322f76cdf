import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { RecordedEvent, SqliteEventStore } from '@crm/event-store';
import { OPPORTUNITY_VERSIONS, opportunityTimelineProjection } from '../projections/opportunity-timeline/opportunity-timeline.projection';
import { describeOnEveryReadStore } from '../projections/testing/on-every-read-store';
import { Projector } from '../projector/projector';
import { openEvents, tempDir } from '../projector/testing/projector-fixtures';
import type { ReadStore } from '../store/read-store.port';
import { opportunityWorkloadArbitrary, WORKLOAD_END, WORKLOAD_START } from './testing/opportunity-workload';
import { referenceStatesAt, referenceVersionOf } from './testing/reference-states';
import { TimelineKeeper } from './timeline-keeper';
import { versionAt, type OpportunityVersion, type Timelines } from './timeline.types';

/** The longest of a few workloads (a few hundred events), the same at every run. */
const workload = fc
  .sample(opportunityWorkloadArbitrary({ maxOpportunities: 40, maxSteps: 600 }), { numRuns: 5, seed: 16 })
  .reduce((longest, events) => (events.length > longest.length ? events : longest));
const instants = [WORKLOAD_START, WORKLOAD_START + (WORKLOAD_END - WORKLOAD_START) / 3, (WORKLOAD_START + WORKLOAD_END) / 2, WORKLOAD_END, null];

const fieldsOf = ({ seq: _seq, at: _at, ...fields }: OpportunityVersion) => fields;

/** Every opportunity of `timelines` at a few instants, as the reference fold of `events` has it. */
function expectAsFolded(timelines: Timelines, events: readonly RecordedEvent[]): void {
  const ids = [...referenceStatesAt(events, null).keys()];
  expect(timelines.size).toBe(ids.length);
  for (const t of instants) {
    const reference = referenceStatesAt(events, t);
    for (const id of ids) {
      const state = reference.get(id);
      const version = versionAt(timelines.get(id)!, t);
      expect(version === null ? null : fieldsOf(version)).toEqual(state === undefined ? null : referenceVersionOf(state));
    }
  }
}

type Setup = { events: SqliteEventStore; store: ReadStore; projector: Projector; keeper: TimelineKeeper };

/** A projector of the timeline alone over a fresh event log and `open`ed read store, and a keeper reading it. */
async function withProjector(open: () => Promise<ReadStore>, body: (setup: Setup) => Promise<void>): Promise<void> {
  const tmp = tempDir();
  const events = openEvents(tmp.dir);
  const store = await open();
  const projector = new Projector(events, store, { projections: [opportunityTimelineProjection], log: () => undefined, aliasTtlMs: 0, dropGraceMs: 0, leaseTtlMs: 3_000 });
  try {
    await projector.start();
    await body({ events, store, projector, keeper: new TimelineKeeper(projector.readModels, store) });
  } finally {
    await projector.stop();
    await store.close();
    await events.close();
    tmp.cleanup();
  }
}

/** Appends the events as written (new ids) and waits until the projection has applied them. */
async function appended({ events, projector }: Setup, recorded: readonly RecordedEvent[]): Promise<void> {
  for (const { type, data, metadata, streamName } of recorded) await events.appendToStream(streamName, [{ id: randomUUID(), type, data, metadata }], 'any');
  const head = (await events.headPosition()) ?? 0n;
  expect(await projector.readModels.waitForPosition(head, [opportunityTimelineProjection.name], 20_000)).toBe(true);
}

const half = Math.floor(workload.length / 2);

describeOnEveryReadStore('keeps timelines caught up', (adapter, open) => {
  it(`reads every version the projector stored, then only those stored since, page by page (${adapter})`, () =>
    withProjector(open, async (setup) => {
      const keeper = new TimelineKeeper(setup.projector.readModels, setup.store, 7);
      await appended(setup, workload.slice(0, half));
      const first = await keeper.current();
      expectAsFolded(first, workload.slice(0, half));
      const head = Number(await setup.events.headPosition());
      await appended(setup, workload.slice(half));
      const find = jest.spyOn(setup.store, 'find');
      const next = await keeper.current();
      expect(next).toBe(first);
      expectAsFolded(next, workload);
      const pages = await Promise.all(find.mock.results.map(async (result) => (await result.value).items as Array<{ lastPosition: number }>));
      expect(pages.length).toBeGreaterThan(3);
      expect(Math.min(...pages.flat().map((version) => version.lastPosition))).toBeGreaterThan(head);
    }));
});

describeOnEveryReadStore('reloads timelines after a rebuild', (adapter, open) => {
  it(`reads a rebuilt collection whole once readers are switched to it, then catches up on it (${adapter})`, () =>
    withProjector(open, async (setup) => {
      await appended(setup, workload.slice(0, half));
      const before = await setup.keeper.current();
      const collection = await setup.projector.readModels.collectionFor(OPPORTUNITY_VERSIONS);
      await setup.projector.rebuild([opportunityTimelineProjection.name]);
      expect(await setup.projector.readModels.collectionFor(OPPORTUNITY_VERSIONS)).not.toBe(collection);
      const rebuilt = await setup.keeper.current();
      expect(rebuilt).not.toBe(before);
      expectAsFolded(rebuilt, workload.slice(0, half));
      await appended(setup, workload.slice(half));
      const after = await setup.keeper.current();
      expect(after).toBe(rebuilt);
      expectAsFolded(after, workload);
    }));
});

describeOnEveryReadStore('shares a catch-up between concurrent readers', (adapter, open) => {
  it(`answers callers that come during a catch-up with one more, shared (${adapter})`, () =>
    withProjector(open, async (setup) => {
      await appended(setup, workload);
      const find = jest.spyOn(setup.store, 'find');
      const answers = await Promise.all(Array.from({ length: 6 }, () => setup.keeper.current()));
      expect(new Set(answers).size).toBe(1);
      expectAsFolded(answers[0], workload);
      const versions = await setup.store.count(await setup.projector.readModels.collectionFor(OPPORTUNITY_VERSIONS));
      // The first caller's read (pages of 500, and the empty one after a full page), then one more for the other five.
      expect(find).toHaveBeenCalledTimes(Math.floor(versions / 500) + 2);
    }));
});
