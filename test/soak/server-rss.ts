import { readFileSync } from 'node:fs';

/** Resident memory of a process (every thread), from /proc/<pid>/status's VmRSS, in bytes. */
export const residentBytes = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((row) => row.startsWith('VmRSS:'));
  if (line === undefined) throw new Error(`No VmRSS for process ${pid}`);
  return Number(line.replace(/\D+/g, '')) * 1024;
};

export const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
