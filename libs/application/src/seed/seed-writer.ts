import type { EventStore } from '@crm/event-store';
import type { StoryLog } from './story-log';

/**
 * Appends stories with up to `concurrency` in flight, so the store commits many appends per fsync
 * (SQLite group commit). A story's own appends go one after another, each with its exact expected
 * revision; a story that touches a shared stream (an account) waits until every earlier story that
 * touched it has landed, so the log keeps the order in which things were decided.
 */
export const writeStories = async (
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
