import type { Database, Statement } from 'better-sqlite3';
import type { Doc } from '../read-store.port';
import { documentWords, type SearchSpec } from '../search/search-fields';
import { quoteIdent, type SqlParam } from './sqlite-sql';
import type { ColumnValue } from './sqlite-columns';

/**
 * Search on SQLite: a searchable table keeps, beside the document, one column per search weight
 * (`"s:2"`, `"s:1"`) holding the document's words of that weight between spaces (` anne de vries `).
 * An FTS5 table indexes those columns as external content (it stores no copy of them), kept in step by
 * the writer in the same transaction as the row (SearchIndexWriter); it answers which rows have a word
 * starting with each asked word. The score is computed from the row's own columns (see relevanceSql), so it depends on
 * that document and the search alone: it never moves when other documents change, and pages stay stable.
 *
 * The FTS5 table and its shadow tables start with `_` (never a collection's name). Options:
 * - tokenize='ascii': the words are already folded and split here, the same way for MongoDB; this
 *   tokenizer only splits them at the spaces (non-ASCII characters are word characters to it).
 * - detail=column, columnsize=0: which rows hold a word is all a prefix query needs; no positions or sizes.
 *   (detail=none would be smaller, but with secure-delete SQLite 3.53 loses deletions made in a
 *   transaction that already wrote to the index: sqlite-search.int-spec.ts checks the index stays whole.)
 * - prefix='2 3': two- and three-letter prefixes have their own index, so a short word does not merge
 *   the lists of every word it starts.
 * - secure-delete: a deleted or changed row's words are removed from the index pages at once instead of
 *   being shadowed by delete markers until a merge; with the file's secure_delete pragma, an erased
 *   person's words leave no byte behind.
 */
export const searchColumn = (weight: number): string => `s:${weight}`;
export const SEARCH_COLUMN_PREFIX = searchColumn(0).slice(0, -1);
export const searchIndexName = (collection: string): string => `_search_${collection}`;

export const searchColumnDefinitionsSql = (weights: readonly number[]): string => weights.map((w) => `, ${quoteIdent(searchColumn(w))}`).join('');

/** The search columns' values, in `spec.weights` order: the words of that weight between spaces, null when none. */
export function searchColumnValues(doc: Doc, spec: SearchSpec): ColumnValue[] {
  const byWeight = new Map<number, string[]>(spec.weights.map((weight) => [weight, []]));
  for (const [word, weight] of documentWords(doc, spec)) byWeight.get(weight)?.push(word);
  return spec.weights.map((weight) => {
    const words = byWeight.get(weight) as string[];
    return words.length === 0 ? null : ` ${words.join(' ')} `;
  });
}

/**
 * The most bytes of an FTS5 leaf (the blobs its `_data` table keeps), 4,050 by default: about a page of
 * the file each. Every commit that writes to the index adds a small segment whose rows land among the
 * older segments' leaves (segment ids are reused), and on a page that one full leaf fills, that insert
 * splits it and rewrites its neighbours. With leaves of half a page, live commits of captured leads wrote
 * 1.0 page fewer to the WAL (3.1 against 2.1 `_data` pages per commit of one lead; `npm run bench --
 * capture-writes`), and read the same.
 */
const LEAF_BYTES = 2000;

/** Creates the FTS5 table over the search columns, filled from the rows already there in one pass. */
export function createSearchIndex(db: Database, collection: string, weights: readonly number[]): void {
  const index = quoteIdent(searchIndexName(collection));
  const list = weights.map((w) => quoteIdent(searchColumn(w))).join(', ');
  db.transaction(() => {
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(searchIndexName(collection)) !== undefined) return;
    db.exec(`CREATE VIRTUAL TABLE ${index} USING fts5(${list}, content=${quoteIdent(collection)}, content_rowid='rowid', tokenize='ascii', detail=column, columnsize=0, prefix='2 3')`);
    db.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('secure-delete', 1)`);
    db.exec(`INSERT INTO ${index} (${index}, rank) VALUES ('pgsz', ${LEAF_BYTES})`);
    db.exec(`INSERT INTO ${index} (${index}) VALUES ('rebuild')`);
  }).immediate();
}

/**
 * Keeps a table's FTS5 index in step with its rows, called by the writer beside each write of a row.
 * Not triggers: a statement that fires a trigger writing to an FTS5 table opens a savepoint, and FTS5
 * writes its pending words to disk at every savepoint, one segment per row (about 10x slower inserts).
 * An external-content index is told a row's old words to remove them; the writer has them from the row.
 */
export class SearchIndexWriter {
  private readonly add: Statement;
  private readonly remove: Statement;

  constructor(db: Database, collection: string, weights: readonly number[]) {
    const index = quoteIdent(searchIndexName(collection));
    const list = weights.map((w) => quoteIdent(searchColumn(w))).join(', ');
    const placeholders = weights.map(() => ', ?').join('');
    this.add = db.prepare(`INSERT INTO ${index} (rowid, ${list}) VALUES (?${placeholders})`);
    this.remove = db.prepare(`INSERT INTO ${index} (${index}, rowid, ${list}) VALUES ('delete', ?${placeholders})`);
  }

  insert(rowid: number | bigint, words: readonly ColumnValue[]): void {
    this.add.run(rowid, ...words);
  }

  delete(rowid: number | bigint, words: readonly ColumnValue[]): void {
    this.remove.run(rowid, ...words);
  }
}

/** Drops the FTS5 table and its shadow tables. */
export const dropSearchIndexSql = (collection: string): string => `DROP TABLE IF EXISTS ${quoteIdent(searchIndexName(collection))}`;

/** FTS5 query: every word as a quoted prefix, ANDed. Words hold only letters and digits; quotes are doubled anyway. */
const matchQuery = (words: readonly string[]): string => words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' AND ');

/** The rows having, for each word, a word that starts with it. */
export function searchMatchSql(collection: string, words: readonly string[], params: SqlParam[]): string {
  const index = quoteIdent(searchIndexName(collection));
  params.push(matchQuery(words));
  return `rowid IN (SELECT rowid FROM ${index} WHERE ${index} MATCH ?)`;
}

/** How many rows match, answered by the FTS5 index alone (for a filter that has nothing but the search). */
export function searchCountSql(collection: string, words: readonly string[], params: SqlParam[]): string {
  const index = quoteIdent(searchIndexName(collection));
  params.push(matchQuery(words));
  return `SELECT count(*) AS n FROM ${index} WHERE ${index} MATCH ?`;
}

/**
 * The score of a row: for each asked word, the best of its matches (weight x 2 for a whole word, x 1 for
 * a longer word it starts), summed. Tests run from the highest possible value down, so the first true
 * one is the best; a word sits in one column only (its highest weight), and the spaces around each word
 * make `instr` find whole words (' vries ') and word starts (' vries').
 */
export function relevanceSql(weights: readonly number[], words: readonly string[], params: SqlParam[]): string {
  if (words.length === 0) return '0';
  const tests = weights
    .flatMap((weight) => [{ weight, whole: true, value: weight * 2 }, { weight, whole: false, value: weight }])
    .sort((a, b) => b.value - a.value);
  const perWord = words.map((word) => {
    const cases = tests.map(({ weight, whole, value }) => {
      params.push(whole ? ` ${word} ` : ` ${word}`);
      return `WHEN instr(${quoteIdent(searchColumn(weight))}, ?) THEN ${value}`;
    });
    return `CASE ${cases.join(' ')} ELSE 0 END`;
  });
  return `(${perWord.join(' + ')})`;
}
