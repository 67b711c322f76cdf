import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BenchRow } from './bench-kit';

/** What a process has written so far, from /proc/<pid>/io: bytes it sent to the disk (page cache it dirtied) and write calls. */
export interface DiskWrites {
  bytes: number;
  calls: number;
}

/** Null where /proc is not there. */
export const diskWritesOf = (pid: number): DiskWrites | null => {
  try {
    const fields = new Map(readFileSync(`/proc/${pid}/io`, 'utf8').trim().split('\n').map((line) => line.split(': ') as [string, string]));
    return { bytes: Number(fields.get('write_bytes')), calls: Number(fields.get('syscw')) };
  } catch {
    return null;
  }
};

/**
 * Measured on b769d89 (the embedded process, 32 connections): ~47 KB in ~23 write calls per
 * captureLead, counting what the server wrote only (no copy of the WALs back at the end).
 */
const BEFORE = { bytes: '47 KB without the copy-back', calls: '23' };

/**
 * Copies the WAL of every SQLite file in `dir` back into its file and empties it, from a connection of
 * this process, as the server's own (passive) checkpoints do when a WAL grows past its mark (160 MiB
 * for the read models, ~40 MiB for the log); returns what this process wrote doing so. Before a
 * measured load, so that what the seed and the warm-up left in the WALs is not copied back during it
 * and counted as its own; after it, so that the copy of the pages the load changed is counted,
 * whether or not the server's next checkpoint came yet. Null without /proc, or when a reader or
 * writer of the server kept a checkpoint from finishing (said on stderr): the figure is then left out.
 */
export const checkpointFiles = (dir: string): DiskWrites | null => {
  const before = diskWritesOf(process.pid);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.sqlite'))) {
    const db = new Database(join(dir, file), { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 10000');
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      if (result.busy !== 0) {
        process.stderr.write(`${file}: the server kept the WAL checkpoint from finishing; the figures counted from it are left out\n`);
        return null;
      }
    } finally {
      db.close();
    }
  }
  const after = diskWritesOf(process.pid);
  return before === null || after === null ? null : { bytes: after.bytes - before.bytes, calls: after.calls - before.calls };
};

/**
 * Starts counting what the server of `dir` writes for a load: every SQLite file of the embedded
 * process (events, read models, keys), their WAL frames and what its checkpoints copied back, with the
 * WALs copied back before the load and after it (`checkpointFiles`). Call the result once the load is
 * projected; it gives null where a figure cannot be had.
 */
export const countServerWrites = (dir: string, pid: number): (() => DiskWrites | null) => {
  const before = checkpointFiles(dir) === null ? null : diskWritesOf(pid);
  return () => {
    const after = diskWritesOf(pid);
    const copiedBack = checkpointFiles(dir);
    if (before === null || after === null || copiedBack === null) return null;
    return { bytes: after.bytes - before.bytes + copiedBack.bytes, calls: after.calls - before.calls + copiedBack.calls };
  };
};

/** Per request, what `countServerWrites` counted. */
export const diskWriteRows = (name: string, written: DiskWrites | null, requests: number): BenchRow[] => {
  if (written === null || requests === 0) return [];
  return [
    { name: `${name}: bytes written to disk per request (b769d89: ${BEFORE.bytes})`, value: written.bytes / requests / 1024, unit: 'KB', target: '<= 16 KB' },
    { name: `${name}: write calls per request (b769d89: ${BEFORE.calls})`, value: written.calls / requests, unit: 'calls' },
  ];
};
