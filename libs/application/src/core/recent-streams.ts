/** A command that wrote to a stream: where its last event is, and the fingerprint of its input. */
export interface AnsweredCommand {
  position: bigint;
  /** null: written before fingerprints were kept, or for a person since erased. */
  fingerprint: string | null;
}

/**
 * What deciding a command needs of a stream, folded from its events: the state, the revision and
 * chain hash of its last event, where that event is in the log, and which commands wrote it (so a
 * retried command answers like the first time, and a reused command id for another input is told).
 */
export interface StreamSnapshot<State> {
  state: State;
  /** null: the stream does not exist. */
  revision: number | null;
  lastHash: string | null;
  lastPosition: bigint | null;
  commands: ReadonlyMap<string, AnsweredCommand>;
}

/**
 * Snapshots of the streams this process wrote last, so the next command on a hot stream skips
 * reading and folding it. A snapshot is used only while the stream's revision in the store is still
 * the remembered one (see AggregateStore), so another process's appends are never missed.
 *
 * Bounded, and kept in two parts (a segmented LRU): a stream is first remembered on probation (at
 * least a fifth of the room, all of what the protected part leaves free), and one asked for again
 * while there moves to the protected part (at most the other four fifths); the least
 * recently used stream of the protected part goes back to probation, and probation's least recently
 * used goes out. So a burst of streams written once (captured leads, an import) passes through
 * probation and leaves the streams that commands keep coming back to (the open deals) where they
 * were: with one plain list, 7,000 captures took 7,000 of 10,000 deals' snapshots out, and the stage
 * changes after them read and folded their streams again.
 *
 * Keyed by the decider too: a stream is folded into a state only by the decider that loaded it.
 */
export class RecentStreams {
  /** Both parts in least recently used order, the oldest first (a Map keeps insertion order). */
  private readonly probation = new Map<string, Entry>();
  private readonly kept = new Map<string, Entry>();

  constructor(private readonly capacity = 10_000) {}

  get<State>(decider: object, streamName: string): StreamSnapshot<State> | undefined {
    const held = this.kept.get(streamName);
    if (held !== undefined) {
      if (held.decider !== decider) return undefined;
      this.kept.delete(streamName);
      this.kept.set(streamName, held);
      return held.snapshot as StreamSnapshot<State>;
    }
    const trial = this.probation.get(streamName);
    if (trial === undefined || trial.decider !== decider) return undefined;
    this.probation.delete(streamName);
    this.protect(streamName, trial);
    return trial.snapshot as StreamSnapshot<State>;
  }

  remember<State>(decider: object, streamName: string, snapshot: StreamSnapshot<State>): void {
    const entry: Entry = { decider, snapshot };
    if (this.kept.delete(streamName)) return this.protect(streamName, entry);
    this.probation.delete(streamName);
    this.onProbation(streamName, entry);
  }

  forget(streamName: string): void {
    this.kept.delete(streamName);
    this.probation.delete(streamName);
  }

  /** How many snapshots are held: never more than the capacity. */
  get size(): number {
    return this.kept.size + this.probation.size;
  }

  private protect(streamName: string, entry: Entry): void {
    const room = this.capacity - probationRoom(this.capacity);
    if (room <= 0) return this.onProbation(streamName, entry);
    this.kept.set(streamName, entry);
    while (this.kept.size > room) {
      const [oldest, demoted] = this.kept.entries().next().value as [string, Entry];
      this.kept.delete(oldest);
      this.onProbation(oldest, demoted);
    }
  }

  private onProbation(streamName: string, entry: Entry): void {
    this.probation.set(streamName, entry);
    while (this.probation.size > 0 && this.size > this.capacity) this.probation.delete(this.probation.keys().next().value as string);
  }
}

interface Entry {
  decider: object;
  snapshot: StreamSnapshot<unknown>;
}

/** Probation's share: a fifth of the room, at least one snapshot. */
const probationRoom = (capacity: number): number => Math.max(1, Math.floor(capacity / 5));
