import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  target?: string;
}

/** Runs fn and returns operations per second for `count` operations. */
/**
 * `count / seconds` of `fn`. Every measured phase starts from a collected heap (when node runs with
 * --expose-gc, as `npm run bench` does): otherwise a major collection owed to an earlier phase lands in
 * whichever phase runs next, and a ratio flips between runs (a whole-log read measured 0.95x or 0.65x).
 */
export const rate = async (count: number, fn: () => Promise<void> | void): Promise<number> => {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
};

export const tempDir = (prefix: string): { dir: string; cleanup(): void } => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

export const machine = (): string =>
  `${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;

const fmt = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

export const printRows = (title: string, rows: BenchRow[]): void => {
  console.log(`\n## ${title}`);
  for (const row of rows) {
    let line = `${row.name.padEnd(58)} ${fmt(row.value).padStart(12)} ${row.unit}`;
    if (row.baseline) {
      line += `   | baseline ${row.baseline.name}: ${fmt(row.baseline.value)} ${row.unit}, ratio ${(row.value / row.baseline.value).toFixed(2)}x`;
    }
    if (row.target) line += `   | target ${row.target}`;
    console.log(line);
  }
};

export const peakRssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** The value below which a fraction `q` of the samples lie (nearest rank, as the other suites count p50 and p99). */
export const percentile = (samples: readonly number[], q: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
};
