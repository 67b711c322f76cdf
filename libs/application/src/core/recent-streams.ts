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
 * Bounded; the least recently used stream goes first. Keyed by the decider too: a stream is folded
 * into a state only by the decider that loaded it.
 */
export class RecentStreams {
  private readonly snapshots = new Map<string, { decider: object; snapshot: StreamSnapshot<unknown> }>();

  constructor(private readonly capacity = 10_000) {}

  get<State>(decider: object, streamName: string): StreamSnapshot<State> | undefined {
    const entry = this.snapshots.get(streamName);
    if (entry === undefined || entry.decider !== decider) return undefined;
    this.snapshots.delete(streamName);
    this.snapshots.set(streamName, entry);
    return entry.snapshot as StreamSnapshot<State>;
  }

  remember<State>(decider: object, streamName: string, snapshot: StreamSnapshot<State>): void {
    this.snapshots.delete(streamName);
    if (this.snapshots.size >= this.capacity) this.snapshots.delete(this.snapshots.keys().next().value as string);
    this.snapshots.set(streamName, { decider, snapshot });
  }

  forget(streamName: string): void {
    this.snapshots.delete(streamName);
  }
}
