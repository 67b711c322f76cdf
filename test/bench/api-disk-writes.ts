import { readFileSync } from 'node:fs';
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

/** Measured on b769d89 (the embedded process, 32 connections): ~47 KB in ~23 write calls per captureLead. */
const BEFORE = { bytes: '47 KB', calls: '23' };

/**
 * Per request, what the server wrote between `before` and now: every SQLite file of the embedded
 * process (events, read models, keys), their WAL frames and what checkpoints copied back into them.
 */
export const diskWriteRows = (name: string, pid: number, before: DiskWrites | null, requests: number): BenchRow[] => {
  const after = diskWritesOf(pid);
  if (before === null || after === null || requests === 0) return [];
  return [
    { name: `${name}: bytes written to disk per request (b769d89: ${BEFORE.bytes})`, value: (after.bytes - before.bytes) / requests / 1024, unit: 'KB', target: '<= 16 KB' },
    { name: `${name}: write calls per request (b769d89: ${BEFORE.calls})`, value: (after.calls - before.calls) / requests, unit: 'calls' },
  ];
};
