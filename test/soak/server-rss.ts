import { readFileSync, statSync } from 'node:fs';

const statusKib = (pid: number, field: string): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((row) => row.startsWith(`${field}:`));
  if (line === undefined) throw new Error(`No ${field} for process ${pid}`);
  return Number(line.replace(/\D+/g, '')) * 1024;
};

/** Resident memory of a process (every thread), from /proc/<pid>/status's VmRSS, in bytes. */
export const residentBytes = (pid: number): number => statusKib(pid, 'VmRSS');

/**
 * Resident memory split as /proc tells it: anonymous (heaps of both threads, malloc's arenas, SQLite's
 * page caches) and file-backed or shared (code, the SQLite files' mapped WAL indexes).
 */
export const residentParts = (pid: number): { anon: number; fileAndShared: number } => ({
  anon: statusKib(pid, 'RssAnon'),
  fileAndShared: statusKib(pid, 'RssFile') + statusKib(pid, 'RssShmem'),
});

/** Bytes of a SQLite file and its WAL (0 for what is not there). */
export const sqliteFileBytes = (path: string): number =>
  [path, `${path}-wal`].reduce((sum, file) => sum + (statSync(file, { throwIfNoEntry: false })?.size ?? 0), 0);

export const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
