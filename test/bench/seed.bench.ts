import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir, type BenchRow } from './bench-kit';

const LEADS = Number(process.env.BENCH_SEED_LEADS ?? 100_000);
/** A checkout of the commit to compare with, built (`npm run build`): its seed runs in the same run. */
const BASELINE_CHECKOUT = process.env.BENCH_SEED_BASELINE;
/** Measured on b769d89 here on 2026-12-04, when no baseline checkout is given to run beside. */
const BASELINE_NOTE = 'b769d89 on 2026-12-04: 57-89 s wall alone; 211-235 s wall and 74-79 s CPU beside this code on a busy machine';

interface SeedRun {
  seconds: number;
  cpuSeconds: number;
  events: number;
  writeBytes: number | null;
  bytesPerEvent: number;
}

/** `crm seed -n LEADS` of the given build, as `npm run crm -- seed` runs it, into an empty data folder. */
const seedOnce = async (cli: string): Promise<SeedRun> => {
  const tmp = tempDir('crm-bench-seed-');
  try {
    const usageFile = join(tmp.dir, 'usage.json');
    const data = join(tmp.dir, 'data');
    const args = ['-r', join(__dirname, 'seed-child-usage.js'), cli, 'seed', '-n', String(LEADS), '--seed', '42', '--until', '2026-01-01T00:00:00Z', '--json'];
    const started = process.hrtime.bigint();
    const stdout = await new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, args, {
        env: { ...process.env, CRM_DATA_DIR: data, BENCH_SEED_USAGE_FILE: usageFile },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', fail);
      child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${cli} seed exited with ${code}`))));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuSeconds: number; writeBytes: number | null };
    const events = (JSON.parse(stdout) as { events: number }).events;
    return { seconds, events, ...usage, bytesPerEvent: storedBytes(join(data, 'events.sqlite')) / events };
  } finally {
    tmp.cleanup();
  }
};

/** The events file's size with its WAL checkpointed into it. */
const storedBytes = (path: string): number => {
  const db = new Database(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return statSync(path).size;
};

const cliOf = (checkout: string): string => {
  const cli = join(resolve(checkout), 'dist/apps/cli/src/main.js');
  if (!existsSync(cli)) throw new Error(`BENCH_SEED_BASELINE: no ${cli} (run npm run build there first)`);
  return cli;
};

/** The checkout's commit, short, to name the baseline by; its path when git cannot tell. */
const commitOf = (checkout: string): string => {
  try {
    return execFileSync('git', ['-C', checkout, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return resolve(checkout);
  }
};

/**
 * `npm run bench -- seed`: a 100,000-lead seed (BENCH_SEED_LEADS) through the command line in a child
 * process, its wall and CPU seconds, events/s, bytes written to disk and stored per event. With
 * BENCH_SEED_BASELINE=<built checkout> that checkout's seed runs first, in the same run, named by its commit.
 */
export const benchSeed = async (): Promise<BenchRow[]> => {
  const base = BASELINE_CHECKOUT ? await seedOnce(cliOf(BASELINE_CHECKOUT)) : null;
  const run = await seedOnce(join(__dirname, '../../apps/cli/src/main.js'));
  const baseName = BASELINE_CHECKOUT ? `${commitOf(BASELINE_CHECKOUT)}, same run` : '';
  const beside = (value: (r: SeedRun) => number | null) =>
    base && value(base) !== null ? { baseline: { name: baseName, value: value(base)! } } : {};
  const rows: BenchRow[] = [
    { name: `seed ${LEADS.toLocaleString('en-US')} leads: wall time${base ? '' : ` (baseline not run, set BENCH_SEED_BASELINE; ${BASELINE_NOTE})`}`, value: run.seconds, unit: 's', ...beside((r) => r.seconds), target: '< 60 s' },
    { name: 'seed: CPU time (user + system)', value: run.cpuSeconds, unit: 's', ...beside((r) => r.cpuSeconds) },
    { name: `seed: events written (${run.events.toLocaleString('en-US')})`, value: run.events / run.seconds, unit: 'events/s', ...beside((r) => r.events / r.seconds) },
    { name: 'seed: bytes stored per event', value: run.bytesPerEvent, unit: 'B', ...beside((r) => r.bytesPerEvent), target: '<= 500' },
  ];
  if (run.writeBytes !== null) {
    rows.push({ name: 'seed: bytes written to disk per event', value: run.writeBytes / run.events, unit: 'B', ...beside((r) => (r.writeBytes === null ? null : r.writeBytes / r.events)) });
  }
  return rows;
};
