import type { NewEvent } from '@crm/event-store';
import type { PersonalDataCodec } from '../privacy/personal-data-codec';

/** One append of the plan: events of one stream, with the exact revision the stream must be at. */
export interface PlannedAppend {
  streamName: string;
  events: NewEvent[];
  expected: number | 'no_stream';
}

/**
 * The appends of one story (a lead and what grew out of it), in decision order. Consecutive commands
 * on the same stream share one append: the events, ids, hashes and revisions are exactly those of one
 * append per command, at a fraction of the round trips.
 */
/** Where a command's events go in its append, to be filled in once they are sealed and chained. */
export interface EventSlot {
  fill(events: readonly NewEvent[]): void;
}

export class StoryLog {
  readonly appends: PlannedAppend[] = [];
  /** The people whose keys the story needs before `finish`. */
  readonly subjects = new Set<string>();
  private readonly unfinished: (() => void)[] = [];
  /** Streams other stories may touch later (accounts): their appends must land in plan order. */
  readonly sharedStreams = new Set<string>();
  eventCount = 0;
  /** Appends before this index take no more events (see `seal`). */
  private sealedBefore = 0;

  /** `personalData` encrypts what the story records about people, as the command path does. */
  constructor(readonly personalData: PersonalDataCodec) {}

  /** Records a command's events (as placeholders until its slot is filled) in the append they belong to. */
  record(streamName: string, events: readonly NewEvent[], revisionBefore: number | null): EventSlot {
    const last = this.appends[this.appends.length - 1];
    this.eventCount += events.length;
    let append: PlannedAppend;
    if (last && last.streamName === streamName && this.appends.length > this.sealedBefore) append = last;
    else this.appends.push((append = { streamName, events: [], expected: revisionBefore ?? 'no_stream' }));
    const start = append.events.length;
    append.events.push(...events);
    return { fill: (final) => final.forEach((event, i) => (append.events[start + i] = event)) };
  }

  /** Work that needs `subjectId`'s key (if any), done by `finish` in the order it was recorded. */
  later(subjectId: string | null, work: () => void): void {
    if (subjectId !== null) this.subjects.add(subjectId);
    this.unfinished.push(work);
  }

  /** Seals and chains what waited for keys; those of `subjects` must be loaded (KeyRing.ensure). */
  finish(): void {
    for (const work of this.unfinished.splice(0)) work();
  }

  /**
   * The last append stays exactly one command's events. For the steps of a conversion, which the
   * running server's conversion process may write first with the same ids: the store recognises
   * only an identical append as the same one, not those events with later ones merged in.
   */
  seal(): void {
    this.sealedBefore = this.appends.length;
  }

  share(streamName: string): void {
    this.sharedStreams.add(streamName);
  }
}
