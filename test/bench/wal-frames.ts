import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Where a SQLite file's WAL stood: the end of its current generation's frames (the file can be longer:
 * a generation overwrites the last one from the start) and that generation's salt (null when empty).
 */
export interface WalMark {
  size: number;
  salt: string | null;
}

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

const saltAt = (wal: Buffer, offset: number): string => `${wal.readUInt32BE(offset)}:${wal.readUInt32BE(offset + 4)}`;

const readOrEmpty = (path: string): Buffer => {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
};

export const walMark = (dbPath: string): WalMark => {
  const wal = readOrEmpty(`${dbPath}-wal`);
  if (wal.length < WAL_HEADER) return { size: 0, salt: null };
  const salt = saltAt(wal, 16);
  const frame = FRAME_HEADER + wal.readUInt32BE(8);
  let end = WAL_HEADER;
  while (end + frame <= wal.length && saltAt(wal, end + 8) === salt) end += frame;
  return { size: end, salt };
};

/** The b-trees (tables and indexes, by name) a commit wrote, page by page. */
export type CommitPages = string[];

/**
 * The commits appended to a SQLite file's WAL since `since`, each as the b-tree of every page it wrote
 * (`dbstat` names them; page 1, the file header and schema root, is `sqlite_schema`). SQLite writes a
 * commit as whole pages, so this is where a commit's bytes go. Null when the WAL started a new
 * generation since (a checkpoint reset it): its earlier frames are gone. A new generation shows by its
 * salt, or, from a mark on an empty WAL (whose next salt only the writing connection knows), by frames
 * of an older generation left after its own: a generation begins at the WAL's start and, short of the
 * next checkpoint, stays shorter than the one it overwrites. `dbstat` names pages as the
 * file holds them now, so a page that moved between b-trees during the window counts for its last one.
 */
export function walCommits(dbPath: string, since: WalMark): { commits: CommitPages[]; frameBytes: number } | null {
  const wal = readOrEmpty(`${dbPath}-wal`);
  // Still empty: nothing was written; emptied since the mark: what was written is gone.
  if (wal.length < WAL_HEADER) return since.size === 0 ? { commits: [], frameBytes: 0 } : null;
  const pageSize = wal.readUInt32BE(8);
  const salt = saltAt(wal, 16);
  if (since.salt !== null && since.salt !== salt) return null;
  const names = pageOwners(dbPath);
  const frame = FRAME_HEADER + pageSize;
  const commits: CommitPages[] = [];
  let pages: CommitPages = [];
  let at = Math.max(WAL_HEADER, since.size);
  for (; at + frame <= wal.length && saltAt(wal, at + 8) === salt; at += frame) {
    const page = wal.readUInt32BE(at);
    pages.push(names.get(page) ?? 'free pages');
    if (wal.readUInt32BE(at + 4) !== 0) {
      commits.push(pages);
      pages = [];
    }
  }
  // From an empty WAL, frames of another generation after this one were written since the mark.
  if (since.salt === null && at + frame <= wal.length) return null;
  return { commits, frameBytes: frame };
}

function pageOwners(dbPath: string): Map<number, string> {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, pageno FROM dbstat').all() as Array<{ name: string; pageno: number }>;
    return new Map(rows.map((row) => [row.pageno, row.name]));
  } finally {
    db.close();
  }
}

/** Pages each b-tree took in `commits`, most first. */
export function pagesByTree(commits: readonly CommitPages[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const commit of commits) for (const name of commit) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
