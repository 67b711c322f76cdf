import { canAppendAtomically, type AtomicAppender, type EventStore } from '@crm/event-store';
import { PersonalDataEventStore } from '../privacy/personal-data-event-store';
import type { PersonalDataCodec } from '../privacy/personal-data-codec';
import type { StoryLog } from './story-log';

export interface StoryWriting {
  /** Stories written in one transaction, where the store can (SQLite): all of them or none. */
  storiesPerBatch: number;
  /** Stories in flight at once where it cannot (EventStoreDB): each append is its own write. */
  concurrency: number;
  /** Refuses, before anything is written, an event that holds personal data in the clear. */
  personalData: PersonalDataCodec;
}

/**
 * Writes the stories in plan order. Where the store can append to many streams in one transaction,
 * it writes them a batch at a time: one commit, one fsync and one write of each index page touched
 * for thousands of events, instead of one commit for every few appends. An interrupted batch (a
 * crash, a conflict) leaves nothing of itself: the log holds whole batches, so whole commands.
 */
export const writeStories = async (
  store: EventStore,
  stories: AsyncIterable<StoryLog>,
  writing: StoryWriting,
  onWritten: (story: StoryLog) => void,
): Promise<void> => {
  const atomic = atomicAppenderOf(store);
  if (atomic === null) return writeConcurrently(store, stories, writing.concurrency, onWritten);
  let batch: StoryLog[] = [];
  const writeBatch = async () => {
    const appends = batch.flatMap((story) => story.appends);
    // The check the wrapped store would make, as the batch goes to the store underneath it.
    for (const append of appends) assertSealed(writing.personalData, append.events);
    await atomic.appendAtomically(appends);
    batch.forEach(onWritten);
    batch = [];
  };
  for await (const story of stories) {
    batch.push(story);
    if (batch.length >= writing.storiesPerBatch) await writeBatch();
  }
  if (batch.length > 0) await writeBatch();
};

/** The store that can write a batch atomically, under the wrapper that opens personal data. */
const atomicAppenderOf = (store: EventStore): AtomicAppender | null => {
  if (store instanceof PersonalDataEventStore) return atomicAppenderOf(store.stored);
  return canAppendAtomically(store) ? store : null;
};

const assertSealed = (personalData: PersonalDataCodec, events: StoryLog['appends'][number]['events']): void => {
  const plain = events.find((event) => personalData.hasPlainFields(event));
  if (plain) throw new Error(`${plain.type} ${plain.id} holds personal data in the clear: seal it before it is chained and appended`);
};

/**
 * Appends stories with up to `concurrency` in flight, so the store commits many appends per fsync
 * (SQLite group commit). A story's own appends go one after another, each with its exact expected
 * revision; a story that touches a shared stream (an account) waits until every earlier story that
 * touched it has landed, so the log keeps the order in which things were decided.
 */
const writeConcurrently = async (
  store: EventStore,
  stories: AsyncIterable<StoryLog>,
  concurrency: number,
  onWritten: (story: StoryLog) => void,
): Promise<void> => {
  const lastTouch = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const failures: unknown[] = [];
  for await (const story of stories) {
    if (failures.length > 0) break;
    const earlier = [...story.sharedStreams].flatMap((stream) => lastTouch.get(stream) ?? []);
    const written = appendStory(store, story, earlier);
    for (const stream of story.sharedStreams) lastTouch.set(stream, written);
    const tracked = written.then(
      () => onWritten(story),
      (error: unknown) => {
        failures.push(error);
      },
    );
    inFlight.add(tracked);
    void tracked.then(() => inFlight.delete(tracked));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failures.length > 0) throw failures[0];
};

const appendStory = async (store: EventStore, story: StoryLog, earlier: Promise<void>[]): Promise<void> => {
  await Promise.all(earlier);
  for (const append of story.appends) await store.appendToStream(append.streamName, append.events, append.expected);
};
