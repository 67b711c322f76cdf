/** A data subject's key as stored: wrapped (encrypted) by the master key, never in the clear. */
export interface WrappedDataKey {
  subjectId: string;
  wrapped: Buffer;
}

export type SuppressionKind = 'EMAIL' | 'PHONE';

/** A keyed hash (HMAC under the master key) of an erased person's normalised email or phone. */
export interface Suppression {
  kind: SuppressionKind;
  hash: string;
  subjectId: string;
}

/** What an erasure must do, written before it starts, so a crash part-way is completed on restart. */
export interface ErasureRequest {
  subjectId: string;
  /** Every stream that receives PersonErased (the lead and the contact made from it, or the contact alone). */
  streams: string[];
  reason: string;
  notes: string | null;
  actor: string;
  /** The command id of the PersonErased appends: retried, they deduplicate. */
  commandId: string;
  correlationId: string;
  erasedAt: string;
  /** Computed while the key could still decrypt the person's email and phone. */
  suppressions: { kind: SuppressionKind; hash: string }[];
}

/** What an erasure found by the time it completes: the person may have changed while it ran. */
export interface ErasureCompletion {
  completedAt: string;
  streams: string[];
  suppressions: { kind: SuppressionKind; hash: string }[];
}

export interface ErasureRecord extends ErasureRequest {
  /** Set when the key is destroyed and the suppressions stored; null while the erasure is pending. */
  completedAt: string | null;
}

export interface DestroyedKeys {
  subjectIds: string[];
  /** Pass it to the next call to hear only of later destructions. */
  cursor: string;
}

/**
 * Where data keys, erasures and suppressions live, apart from the event log: destroying a key here
 * is what makes a person's encrypted fields in the log unreadable forever. Adapters store bytes;
 * wrapping and hashing happen above them (MasterKey), so an adapter never sees a key in the clear.
 */
export interface KeyStore {
  /**
   * Stores new keys, all in one durable write. A subject that has a key already keeps it, and one
   * whose erasure was ever requested gets none: a destroyed key is never made again.
   */
  createKeys(keys: readonly WrappedDataKey[]): Promise<void>;
  /** The wrapped keys of the subjects that have one; a destroyed or unknown subject is absent. */
  findKeys(subjectIds: readonly string[]): Promise<Map<string, Buffer>>;
  /** Records the request unless one exists for the subject; returns the stored one (the earlier, if any). */
  beginErasure(request: ErasureRequest): Promise<ErasureRecord>;
  findErasure(subjectId: string): Promise<ErasureRecord | null>;
  pendingErasures(): Promise<ErasureRecord[]>;
  /**
   * In one atomic write: destroys the key (leaving no copy in the store's files), stores the
   * request's suppressions and those found since, records the streams finally erased, and marks it
   * complete. Completing twice changes nothing.
   */
  completeErasure(subjectId: string, completion: ErasureCompletion): Promise<void>;
  /** Subjects whose keys were destroyed after `cursor` (null: since the start). */
  destroyedSince(cursor: string | null): Promise<DestroyedKeys>;
  findSuppressions(hashes: readonly string[]): Promise<Suppression[]>;
  /** Removes every suppression with this hash; returns what was removed. */
  liftSuppressions(hash: string): Promise<Suppression[]>;
  close(): Promise<void>;
}
