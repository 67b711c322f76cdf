import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { completedRequest } from '../erasure-completion';
import type {
  DestroyedKeys, ErasureCompletion, ErasureRecord, ErasureRequest, KeyStore, Suppression, SuppressionKind, WrappedDataKey,
} from '../key-store.port';
import { assertSubjectId, assertWrapped } from '../validation';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS data_keys (subject_id TEXT PRIMARY KEY, wrapped BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS erasures (
  subject_id TEXT PRIMARY KEY, request TEXT NOT NULL, completed_at TEXT, destroyed_seq INTEGER UNIQUE
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS erasures_pending ON erasures (subject_id) WHERE completed_at IS NULL;
CREATE TABLE IF NOT EXISTS suppressions (
  hash TEXT NOT NULL, subject_id TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (hash, subject_id)
) WITHOUT ROWID;
`;

type ErasureRow = { request: string; completed_at: string | null };

const KEY_BATCH = 64;

/**
 * The embedded key store: its own SQLite file beside the log. `secure_delete` overwrites a deleted
 * key's bytes with zeros in the file, and a TRUNCATE checkpoint after each erasure empties the WAL,
 * which would otherwise keep the page as it was before the delete. `synchronous=FULL`: a key must be
 * on disk before the event it encrypts is, or that event could outlive the only key that reads it.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Db;
  private readonly insertKey: Statement;
  private readonly selectErasure: Statement<[string], ErasureRow>;
  private readonly selectDestroyed: Statement<[number], { subject_id: string; destroyed_seq: number }>;
  private readonly selectKey: Statement<[string], { wrapped: Buffer }>;
  private readonly selectKeys: Statement<unknown[], unknown>;
  private readonly selectSuppression: Statement<[string], { hash: string; subject_id: string; kind: SuppressionKind }>;
  private readonly createAll: (keys: readonly WrappedDataKey[]) => void;
  private readonly complete: (subjectId: string, completion: ErasureCompletion) => void;

  constructor(options: { path: string }) {
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.insertKey = this.db.prepare(
      'INSERT OR IGNORE INTO data_keys (subject_id, wrapped) SELECT @subjectId, @wrapped WHERE NOT EXISTS (SELECT 1 FROM erasures WHERE subject_id = @subjectId)',
    );
    this.selectErasure = this.db.prepare('SELECT request, completed_at FROM erasures WHERE subject_id = ?');
    this.selectDestroyed = this.db.prepare('SELECT subject_id, destroyed_seq FROM erasures WHERE destroyed_seq > ? ORDER BY destroyed_seq');
    this.selectKey = this.db.prepare('SELECT wrapped FROM data_keys WHERE subject_id = ?');
    this.selectKeys = this.db.prepare(`SELECT subject_id, wrapped FROM data_keys WHERE subject_id IN (${Array(KEY_BATCH).fill('?').join(',')})`).raw();
    this.selectSuppression = this.db.prepare('SELECT hash, subject_id, kind FROM suppressions WHERE hash = ?');
    this.createAll = this.db.transaction((keys: readonly WrappedDataKey[]) => {
      for (const { subjectId, wrapped } of keys) this.insertKey.run({ subjectId, wrapped });
    });
    this.complete = this.db.transaction((subjectId: string, completion: ErasureCompletion) => this.completeInTransaction(subjectId, completion)).immediate;
  }

  async createKeys(keys: readonly WrappedDataKey[]): Promise<void> {
    for (const key of keys) {
      assertSubjectId(key.subjectId);
      assertWrapped(key.wrapped);
    }
    this.createAll(keys);
  }

  async findKeys(subjectIds: readonly string[]): Promise<Map<string, Buffer>> {
    // A rebuild asks for hundreds at a time: one prepared IN list of KEY_BATCH per batch (the last
    // one padded with its own first id), a single lookup for one or two.
    const found = new Map<string, Buffer>();
    const unique = [...new Set(subjectIds)];
    if (unique.length <= 2) {
      for (const subjectId of unique) {
        const row = this.selectKey.get(subjectId);
        if (row) found.set(subjectId, row.wrapped);
      }
      return found;
    }
    for (let i = 0; i < unique.length; i += KEY_BATCH) {
      const batch = unique.slice(i, i + KEY_BATCH);
      while (batch.length < KEY_BATCH) batch.push(batch[0]);
      for (const [subjectId, wrapped] of this.selectKeys.all(...batch) as unknown as [string, Buffer][]) found.set(subjectId, wrapped);
    }
    return found;
  }

  async beginErasure(request: ErasureRequest): Promise<ErasureRecord> {
    assertSubjectId(request.subjectId);
    this.db.prepare('INSERT OR IGNORE INTO erasures (subject_id, request) VALUES (?, ?)').run(request.subjectId, JSON.stringify(request));
    return this.recordOf(this.selectErasure.get(request.subjectId)!);
  }

  async findErasure(subjectId: string): Promise<ErasureRecord | null> {
    const row = this.selectErasure.get(subjectId);
    return row ? this.recordOf(row) : null;
  }

  async pendingErasures(): Promise<ErasureRecord[]> {
    const rows = this.db.prepare('SELECT request, completed_at FROM erasures WHERE completed_at IS NULL').all() as ErasureRow[];
    return rows.map((row) => this.recordOf(row));
  }

  async completeErasure(subjectId: string, completion: ErasureCompletion): Promise<void> {
    this.complete(subjectId, completion);
    // The deleted key's page may still be in the WAL as it was before the delete; TRUNCATE empties it.
    // Busy (another connection mid-read) leaves it for the next erasure's checkpoint or the close.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async destroyedSince(cursor: string | null): Promise<DestroyedKeys> {
    const after = cursor === null ? 0 : Number(cursor);
    const rows = this.selectDestroyed.all(after);
    const last = rows.length > 0 ? rows[rows.length - 1].destroyed_seq : after;
    return { subjectIds: rows.map((row) => row.subject_id), cursor: String(last) };
  }

  async findSuppressions(hashes: readonly string[]): Promise<Suppression[]> {
    return hashes.flatMap((hash) => this.selectSuppression.all(hash).map((row) => ({ hash: row.hash, subjectId: row.subject_id, kind: row.kind })));
  }

  async liftSuppressions(hash: string): Promise<Suppression[]> {
    const lifted = await this.findSuppressions([hash]);
    this.db.prepare('DELETE FROM suppressions WHERE hash = ?').run(hash);
    return lifted;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private completeInTransaction(subjectId: string, completion: ErasureCompletion): void {
    const row = this.selectErasure.get(subjectId);
    if (!row) throw new Error(`No erasure was begun for subject ${subjectId}`);
    if (row.completed_at !== null) return;
    const request = completedRequest(JSON.parse(row.request) as ErasureRequest, completion);
    this.db.prepare('DELETE FROM data_keys WHERE subject_id = ?').run(subjectId);
    const suppress = this.db.prepare('INSERT OR IGNORE INTO suppressions (hash, subject_id, kind) VALUES (?, ?, ?)');
    for (const { hash, kind } of request.suppressions) suppress.run(hash, subjectId, kind);
    this.db
      .prepare('UPDATE erasures SET request = ?, completed_at = ?, destroyed_seq = (SELECT COALESCE(MAX(destroyed_seq), 0) + 1 FROM erasures) WHERE subject_id = ?')
      .run(JSON.stringify(request), completion.completedAt, subjectId);
  }

  private recordOf(row: ErasureRow): ErasureRecord {
    return { ...(JSON.parse(row.request) as ErasureRequest), completedAt: row.completed_at };
  }
}
