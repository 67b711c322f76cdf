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
export class StoryLog {
  readonly appends: PlannedAppend[] = [];
  /** Streams other stories may touch later (accounts): their appends must land in plan order. */
  readonly sharedStreams = new Set<string>();
  eventCount = 0;
  /** Appends before this index take no more events (see `seal`). */
  private sealedBefore = 0;

  /** `personalData` encrypts what the story records about people, as the command path does. */
  constructor(readonly personalData: PersonalDataCodec) {}

  record(streamName: string, events: NewEvent[], revisionBefore: number | null): void {
    const last = this.appends[this.appends.length - 1];
    this.eventCount += events.length;
    if (last && last.streamName === streamName && this.appends.length > this.sealedBefore) {
      last.events.push(...events);
      return;
    }
    this.appends.push({ streamName, events: [...events], expected: revisionBefore ?? 'no_stream' });
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
