import type { EventStore } from '@crm/event-store';
import type { PersonalDataCodec } from '../privacy/personal-data-codec';

/** Leads whose people get their keys in one key-store write (4,000 keys, well within the key cache). */
const KEY_BATCH = 1000;
import { tellStory } from './demo-story';
import { changedSeedPipelines, definePipelines, SeedPipelinesChangedError } from './seed-pipelines';
import { SeedWorld } from './seed-world';
import { writeStories } from './seed-writer';
import type { StoryLog } from './story-log';

export interface SeedOptions {
  leads: number;
  seed: number;
  /** The seeded history ends here (exclusive); the same seed and end give the same data. */
  end: Date;
  /** Length of the seeded history. */
  months?: number;
  /** Stories written in one transaction where the store can (SQLite; default 2,000). */
  storiesPerBatch?: number;
  /** Stories in flight at once where the store cannot (default 64): its group commit gathers their appends. */
  concurrency?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  leads: number;
  events: number;
}

export interface SeedSummary extends SeedProgress {
  /** Count of each event type written. */
  eventTypes: Record<string, number>;
}

/** Start of the current UTC day: a default end that keeps a seed reproducible for the whole day. */
export const startOfUtcDay = (now: Date = new Date()): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/**
 * Realistic, reproducible demo data: three pipelines (Sales, the default one, Renewals and Partners),
 * `leads` leads and everything that grows out of them, decided by
 * the real deciders and written as the command path writes (ids, metadata, hash chain), with business
 * times over the past months. Seeding the same seed and end into the same store again writes nothing:
 * every append is an idempotent retry. A store whose seeded pipelines someone revised or archived is
 * refused (SeedPipelinesChangedError) before anything is written.
 */
export const seedDemoData = async (store: EventStore, personalData: PersonalDataCodec, options: SeedOptions): Promise<SeedSummary> => {
  const changed = await changedSeedPipelines(store);
  if (changed.length > 0) throw new SeedPipelinesChangedError(changed);
  const world = new SeedWorld(personalData, options.seed, options.end.getTime(), options.months);
  const summary: SeedSummary = { leads: 0, events: 0, eventTypes: {} };
  const count = (story: StoryLog) => {
    summary.events += story.eventCount;
    for (const append of story.appends) {
      for (const event of append.events) summary.eventTypes[event.type] = (summary.eventTypes[event.type] ?? 0) + 1;
    }
  };
  const writing = { storiesPerBatch: options.storiesPerBatch ?? 2000, concurrency: options.concurrency ?? 64, personalData };
  // The pipelines first, alone: every deal decided after names one of them.
  await writeStories(store, single(definePipelines(personalData, world.start)), { ...writing, storiesPerBatch: 1, concurrency: 1 }, count);
  async function* stories(): AsyncIterable<StoryLog> {
    for (let index = 0; index < options.leads; index++) {
      if (index % KEY_BATCH === 0) await personalData.keys.ensure(world.subjectsOf(index, Math.min(index + KEY_BATCH, options.leads)));
      yield tellStory(world, index);
    }
  }
  await writeStories(store, stories(), writing, (story) => {
    summary.leads++;
    count(story);
    options.onProgress?.({ leads: summary.leads, events: summary.events });
  });
  return summary;
};

async function* single(story: StoryLog): AsyncIterable<StoryLog> {
  yield story;
}
