import type { Database } from 'better-sqlite3';
import type { AppendResult } from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import { decideAndInsert } from './append-decision';
import type { StoredEvent, StoredStream } from './stored-event';
import type { CommittedRow, SqliteStatements } from './sqlite-statements';

/** One stream's part of `appendAll`: an append as it is queued, without anyone waiting on it alone. */
export type AtomicPart = Omit<PendingAppend, 'resolve' | 'reject'>;

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

interface PendingAppend {
  streamName: string;
  stream: StoredStream;
  events: readonly StoredEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit: appends queue up while the event loop is busy (better-sqlite3 commits synchronously,
 * so everything that arrives during a commit waits for the next turn) and are then written in one
 * transaction, one fsync for the whole group. Each append keeps its own expectation check in its own
 * savepoint, so one conflict does not fail its neighbours; each is acknowledged only after COMMIT.
 */
export class GroupCommitter {
  private queue: PendingAppend[] = [];
  private scheduled = false;
  private readonly commitGroup: (group: PendingAppend[], rows: CommittedRow[] | null) => Outcome[];
  private readonly commitAll: (parts: readonly AtomicPart[], rows: CommittedRow[] | null) => AppendResult[];

  constructor(
    db: Database,
    sql: SqliteStatements,
    /** After COMMIT, with the rows the group stored in position order (none unless `wantsRows`). */
    private readonly onCommitted: (rows: readonly CommittedRow[]) => void,
    /** Whether anyone reads the committed rows now: collecting them costs every append a little. */
    private readonly wantsRows: () => boolean = () => false,
  ) {
    const insert = (pending: AtomicPart, recordedAt: number, rows: CommittedRow[] | null): AppendResult =>
      decideAndInsert(sql, pending.streamName, pending.stream, pending.events, pending.expected, recordedAt, rows);
    // A single INSERT is atomic by itself; several need a savepoint so a failure cannot leave half of them.
    const insertInSavepoint = db.transaction(insert);
    const appendOne = (pending: PendingAppend, recordedAt: number, rows: CommittedRow[] | null): AppendResult =>
      pending.events.length === 1 ? insert(pending, recordedAt, rows) : insertInSavepoint(pending, recordedAt, rows);
    this.commitGroup = db.transaction((group: PendingAppend[], rows: CommittedRow[] | null): Outcome[] => {
      const recordedAt = Date.now();
      return group.map((pending) => {
        const stored = rows?.length ?? 0;
        try {
          return { ok: true, result: appendOne(pending, recordedAt, rows) };
        } catch (error) {
          // Rolled back with its savepoint (or never written): its rows are not in the log.
          if (rows !== null) rows.length = stored;
          return { ok: false, error };
        }
      });
    }).immediate;
    // No savepoints: the first failure rolls back the whole transaction.
    this.commitAll = db.transaction((parts: readonly AtomicPart[], rows: CommittedRow[] | null): AppendResult[] => {
      const recordedAt = Date.now();
      return parts.map((part) => insert(part, recordedAt, rows));
    }).immediate;
  }

  /**
   * Writes `parts` in one transaction of their own, after everything queued before them: all of them
   * or, when one fails (its error is thrown), none.
   */
  appendAll(parts: readonly AtomicPart[]): AppendResult[] {
    this.flush();
    const rows: CommittedRow[] | null = this.wantsRows() ? [] : null;
    const results = this.commitAll(parts, rows);
    this.onCommitted(rows ?? []);
    return results;
  }

  append(streamName: string, stream: StoredStream, events: readonly StoredEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamName, stream, events, expected, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes everything queued now; also called on close so that no accepted append is dropped. */
  flush(): void {
    this.scheduled = false;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let outcomes: Outcome[];
    const rows: CommittedRow[] | null = this.wantsRows() ? [] : null;
    try {
      outcomes = this.commitGroup(group, rows);
    } catch (error) {
      group.forEach((pending) => pending.reject(error));
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? group[i].resolve(outcome.result) : group[i].reject(outcome.error)));
    this.onCommitted(rows ?? []);
  }
}
