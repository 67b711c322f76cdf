import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signToken } from '@crm/application';
import { writeOpportunities } from './api-bench-data';
import { CAPTURE_LEAD, captureInput, load, SECRET, waitForProjections } from './api.bench';
import { checkpointFiles } from './api-disk-writes';
import { startBenchServer } from './api-server';
import { tempDir, type BenchRow } from './bench-kit';
import { pagesByTree, walCommits, walMark, type WalMark } from './wal-frames';

const OPPORTUNITIES = 10_000;
const WARM_UP_SECONDS = 3;
/**
 * Short enough that no automatic checkpoint empties a WAL during the load (the events file's comes
 * every ~40 MiB, about 12,000 captures here); a file whose WAL was emptied anyway is left out.
 */
const LOAD_SECONDS = Number(process.env.BENCH_CAPTURE_WAL_SECONDS ?? 2);

/** The log's newest position: a captureLead appends one event, and nothing else appends during the load. */
const lastPosition = (eventsFile: string): number => {
  const db = new Database(eventsFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

const perCapture = (bytes: number, captures: number): number => bytes / captures / 1024;

/**
 * Where the api suite's bytes per captureLead go, file by file and b-tree by b-tree, as the running
 * server writes them: the embedded process on a log of 10,000 opportunities, warmed up with the same
 * load, its WALs emptied, then LOAD_SECONDS of captureLeads from 32 connections. Each file's WAL frames
 * are then attributed to the b-tree that owns their page (`wal-frames.ts`). The captures are counted
 * in the log (those still in flight when the load stopped were written too). What a commit writes
 * depends on how many captures share it, which the machine's load decides, so the KB per capture move
 * with it; the pages per commit of each b-tree move much less. In the read-model file each projection
 * commits apart, so a commit there is one projection's. The copy of these pages back into the files
 * at the next checkpoint is not in these rows; the api suite counts it.
 */
export async function benchCaptureWal(): Promise<BenchRow[]> {
  const tmp = tempDir('crm-bench-capture-wal-');
  try {
    const eventsFile = join(tmp.dir, 'events.sqlite');
    await writeOpportunities(eventsFile, OPPORTUNITIES);
    const server = await startBenchServer(tmp.dir, SECRET);
    try {
      const token = await signToken({ sub: 'bench', roles: ['admin'] }, SECRET);
      const body = (): string => JSON.stringify({ query: CAPTURE_LEAD, variables: { input: captureInput } });
      await waitForProjections(server.url, token);
      await load(server, token, 32, body, WARM_UP_SECONDS);
      await waitForProjections(server.url, token);
      if (checkpointFiles(tmp.dir) === null) {
        process.stderr.write('capture-wal: the WALs could not be emptied before the load (a busy file, or no /proc); no rows\n');
        return [];
      }
      const files = readdirSync(tmp.dir).filter((name) => name.endsWith('.sqlite'));
      const marks = new Map<string, WalMark>(files.map((file) => [file, walMark(join(tmp.dir, file))]));
      const before = lastPosition(eventsFile);
      const run = await load(server, token, 32, body, LOAD_SECONDS);
      await waitForProjections(server.url, token);
      if (run.non2xx > 0) throw new Error(`capture-wal: ${run.non2xx} captureLeads failed during the load`);
      return walRows(tmp.dir, files, marks, lastPosition(eventsFile) - before);
    } finally {
      await server.stop();
    }
  } finally {
    tmp.cleanup();
  }
}

function walRows(dir: string, files: readonly string[], marks: ReadonlyMap<string, WalMark>, captures: number): BenchRow[] {
  const rows: BenchRow[] = [{ name: `captureLeads in ${LOAD_SECONDS} s, 32 connections (counted in the log)`, value: captures, unit: 'requests' }];
  let total = 0;
  let whole = true;
  for (const file of files) {
    const wal = walCommits(join(dir, file), marks.get(file) as WalMark);
    if (wal === null) {
      process.stderr.write(`capture-wal: ${file}'s WAL was emptied by a checkpoint during the load; its rows and the total are left out\n`);
      whole = false;
      continue;
    }
    const commits = wal.commits.length;
    const pages = wal.commits.reduce((sum, commit) => sum + commit.length, 0);
    total += pages * wal.frameBytes;
    const byTree = pagesByTree(wal.commits).map(([name, count]) => `${name.replace(/_v\d+/g, '')} ${(count / commits).toFixed(2)}`);
    rows.push(
      { name: `${file}: WAL per captureLead`, value: perCapture(pages * wal.frameBytes, captures), unit: 'KB' },
      { name: `  ${file}: captures per commit (${commits} commits${file.startsWith('read-models') ? ', of any projection' : ''})`, value: commits === 0 ? 0 : captures / commits, unit: 'captures' },
      { name: `  ${file}: pages per commit, by b-tree: ${byTree.join(', ')}`, value: commits === 0 ? 0 : pages / commits, unit: 'pages' },
    );
  }
  if (whole) rows.push({ name: 'all files: WAL per captureLead (without the copy back at checkpoints)', value: perCapture(total, captures), unit: 'KB' });
  return rows;
}
