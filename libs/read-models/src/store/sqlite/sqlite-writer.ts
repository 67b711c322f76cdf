import type { Database, Statement } from 'better-sqlite3';
import type { JsonValue } from '../json';
import type { Doc } from '../read-store.port';
import { applySet } from '../doc-path';
import { quoteIdent } from './sqlite-sql';

export interface CollectionWriter {
  upsert: Statement;
  delete: Statement;
  select: Statement;
  update: Statement;
}

/** ON CONFLICT DO UPDATE rewrites the row in place; INSERT OR REPLACE would delete and reinsert it (and its index entries). */
export function prepareWriter(db: Database, collection: string): CollectionWriter {
  const table = quoteIdent(collection);
  return {
    upsert: db.prepare(`INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`),
    delete: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
    select: db.prepare(`SELECT doc FROM ${table} WHERE id = ?`),
    update: db.prepare(`UPDATE ${table} SET doc = ? WHERE id = ?`),
  };
}

/** Patches in JS inside the batch transaction: the same dotted-path rules as MongoDB's `$set`. */
export function patchDoc(writer: CollectionWriter, id: string, set: Record<string, JsonValue>): void {
  const row = writer.select.get(id) as { doc: string } | undefined;
  if (row === undefined) return;
  const doc = JSON.parse(row.doc) as Doc;
  applySet(doc, set);
  writer.update.run(JSON.stringify(doc), id);
}
