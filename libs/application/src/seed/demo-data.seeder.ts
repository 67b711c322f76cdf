import type { EventStore } from '@crm/event-store';
import type { PersonalDataCodec } from '../privacy/personal-data-codec';

/**
 * Leads whose stories are told before the keys of the people they recorded are made, in one
 * key-store write (about 1,100 keys, well within the key cache), and only then sealed and written.
 */
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
    for (let from = 0; from < options.leads; from += KEY_BATCH) {
      const told: StoryLog[] = [];
      for (let index = from; index < Math.min(from + KEY_BATCH, options.leads); index++) told.push(tellStory(world, index));
      // Stored before any event they encrypt is appended: a key must be on disk before its data.
      await personalData.keys.ensure(told.flatMap((story) => [...story.subjects]));
      for (const story of told) {
        story.finish();
        yield story;
      }
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
