import type { Database } from 'better-sqlite3';
import type { JsonValue } from '../json';
import type { Checkpoint, CheckpointWrite, Clock } from '../read-store.port';
import { decodePosition, encodePosition } from '../position';
import type { StatementCache } from './statement-cache';

/** System tables start with `_`, which user collection names cannot. */
export function createSystemTables(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS _checkpoints (name TEXT PRIMARY KEY, position TEXT, updated_at TEXT NOT NULL, extra TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS _aliases (alias TEXT PRIMARY KEY, collection TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS _leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS _search_fields (collection TEXT PRIMARY KEY, fields TEXT NOT NULL);
  `);
}

const UPSERT_CHECKPOINT_SQL = `INSERT INTO _checkpoints (name, position, updated_at, extra) VALUES (?, ?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at, extra = excluded.extra`;

/** One statement, so two processes racing for a lease serialize on SQLite's write lock. */
const ACQUIRE_LEASE_SQL = `INSERT INTO _leases (name, owner, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
  WHERE _leases.owner = excluded.owner OR _leases.expires_at <= ?`;

type CheckpointRow = { name: string; position: string | null; updated_at: string; extra: string };

/** Checkpoints, aliases and leases; arguments are validated by the store before they get here. */
export class SqliteSystemTables {
  constructor(
    private readonly statements: StatementCache,
    private readonly clock: Clock,
  ) {}

  /** Called inside the batch transaction, so documents and checkpoint commit together. */
  writeCheckpoint(checkpoint: CheckpointWrite): void {
    const extra = JSON.stringify(checkpoint.extra ?? {});
    const updatedAt = new Date(this.clock()).toISOString();
    this.stmt(UPSERT_CHECKPOINT_SQL).run(checkpoint.name, encodePosition(checkpoint.position), updatedAt, extra);
  }

  getCheckpoint(name: string): Checkpoint | null {
    const row = this.stmt('SELECT * FROM _checkpoints WHERE name = ?').get(name) as CheckpointRow | undefined;
    return row === undefined ? null : toCheckpoint(row);
  }

  listCheckpoints(): Checkpoint[] {
    return (this.stmt('SELECT * FROM _checkpoints ORDER BY name').all() as CheckpointRow[]).map(toCheckpoint);
  }

  deleteCheckpoint(name: string): void {
    this.stmt('DELETE FROM _checkpoints WHERE name = ?').run(name);
  }

  setAlias(alias: string, collection: string): void {
    this.stmt('INSERT INTO _aliases (alias, collection) VALUES (?, ?) ON CONFLICT (alias) DO UPDATE SET collection = excluded.collection').run(alias, collection);
  }

  getAlias(alias: string): string | null {
    const row = this.stmt('SELECT collection FROM _aliases WHERE alias = ?').get(alias) as { collection: string } | undefined;
    return row?.collection ?? null;
  }

  acquireLease(name: string, owner: string, ttlMs: number): boolean {
    const now = this.clock();
    return this.stmt(ACQUIRE_LEASE_SQL).run(name, owner, now + ttlMs, now).changes === 1;
  }

  leaseHolder(name: string): string | null {
    const row = this.stmt('SELECT owner FROM _leases WHERE name = ? AND expires_at > ?').get(name, this.clock()) as { owner: string } | undefined;
    return row?.owner ?? null;
  }

  leaseTimeLeft(name: string): number | null {
    const now = this.clock();
    const row = this.stmt('SELECT expires_at FROM _leases WHERE name = ? AND expires_at > ?').get(name, now) as { expires_at: number } | undefined;
    return row === undefined ? null : row.expires_at - now;
  }

  releaseLease(name: string, owner: string): void {
    this.stmt('DELETE FROM _leases WHERE name = ? AND owner = ?').run(name, owner);
  }

  private stmt(sql: string) {
    return this.statements.get('_', sql);
  }
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return { name: row.name, position: decodePosition(row.position), updatedAt: row.updated_at, extra: JSON.parse(row.extra) as Record<string, JsonValue> };
}
