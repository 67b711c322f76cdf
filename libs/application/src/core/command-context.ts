/**
 * Who asks, under which idempotency key, in which conversation. The command id is the retry key:
 * the same command id always produces the same event ids, so a retried command is a no-op; sent
 * again with a different input, it is refused (IdempotencyKeyReusedError).
 */
export interface CommandContext {
  actor: string;
  commandId: string;
  /** Defaults to the command id: a command with no caller context starts its own conversation. */
  correlationId?: string;
  /** Defaults to the command id. A process reacting to an event passes that event's id. */
  causationId?: string;
  /** The revision the caller last saw; a different actual revision is a conflict, never a merge. */
  expectedRevision?: number;
  /** Business time of the fact, for imports and demo data; defaults to the clock. */
  occurredAt?: Date;
}

export interface CommandOutcome<State> {
  streamName: string;
  /** Revision of the stream after the command (null: the stream still does not exist). */
  revision: number | null;
  /** Global position of the last event the command wrote or found; null when the stream is empty. */
  position: bigint | null;
  state: State;
  /** How many events this call appended (0 for a no-op or an already applied command). */
  appended: number;
  /** true when the command id had already been answered on this stream: nothing was written now. */
  replayed: boolean;
  /**
   * The last event this call appended (absent when it appended none): read-your-writes waits know from
   * its type which projections will tell when they applied it, rather than look in the store.
   */
  written?: { position: bigint; type: string };
}
