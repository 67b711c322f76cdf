import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { walCommits, walMark } from './wal-frames';

/** The benches' reading of a WAL: counting from a mark must take every commit since it and must not miss a reset of the WAL. */
describe('walCommits: the commits since a mark', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-wal-frames-'));
    file = join(dir, 'file.sqlite');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x)');
    db.pragma('wal_checkpoint(TRUNCATE)');
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (count: number): void => {
    for (let i = 0; i < count; i++) db.prepare('INSERT INTO t VALUES (?)').run(i);
  };

  it('counts every commit made since the mark', () => {
    const mark = walMark(file);
    insert(10);
    expect(walCommits(file, mark)?.commits).toHaveLength(10);
  });

  it('gives null when a checkpoint let the WAL start over after the mark, since the commits before it are gone', () => {
    const mark = walMark(file);
    insert(10);
    db.pragma('wal_checkpoint(PASSIVE)');
    insert(3);
    expect(walCommits(file, mark)).toBeNull();
  });

  it('counts from a mark taken after a new generation began over a longer old one', () => {
    insert(10);
    db.pragma('wal_checkpoint(PASSIVE)');
    insert(1);
    const mark = walMark(file);
    insert(3);
    expect(walCommits(file, mark)?.commits).toHaveLength(3);
  });

  it('gives no commits when nothing was written, and null when the WAL was emptied again', () => {
    const mark = walMark(file);
    expect(walCommits(file, mark)).toEqual({ commits: [], frameBytes: 0 });
    insert(2);
    const written = walMark(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(walCommits(file, written)).toBeNull();
  });
});
