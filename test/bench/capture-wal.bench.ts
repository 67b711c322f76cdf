import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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
 * every 10,000 pages, about 8,000 captures here); a WAL that was emptied anyway is reported as such.
 */
const LOAD_SECONDS = Number(process.env.BENCH_CAPTURE_WAL_SECONDS ?? 2);

const perCapture = (bytes: number, captures: number): number => bytes / captures / 1024;

/**
 * Where the api suite's bytes per captureLead go, file by file and b-tree by b-tree, as the running
 * server writes them: the embedded process on a log of 10,000 opportunities, warmed up with the same
 * load, its WALs emptied, then LOAD_SECONDS of captureLeads from 32 connections. Each file's WAL frames
 * are then attributed to the b-tree that owns their page (`wal-frames.ts`). What a commit writes
 * depends on how many captures share it, which the machine's load decides: the rows give both (in the
 * read-model file, each projection commits apart, so a commit there is one projection's). The
 * copy of these pages back into the files at the next checkpoint is not in these rows; the api suite
 * counts it.
 */
export async function benchCaptureWal(): Promise<BenchRow[]> {
  const tmp = tempDir('crm-bench-capture-wal-');
  await writeOpportunities(join(tmp.dir, 'events.sqlite'), OPPORTUNITIES);
  const server = await startBenchServer(tmp.dir, SECRET);
  try {
    const token = await signToken({ sub: 'bench', roles: ['admin'] }, SECRET);
    const body = (): string => JSON.stringify({ query: CAPTURE_LEAD, variables: { input: captureInput } });
    await waitForProjections(server.url, token);
    await load(server, token, 32, body, WARM_UP_SECONDS);
    await waitForProjections(server.url, token);
    if (checkpointFiles(tmp.dir) === null) return [];
    const files = readdirSync(tmp.dir).filter((name) => name.endsWith('.sqlite'));
    const marks = new Map<string, WalMark>(files.map((file) => [file, walMark(join(tmp.dir, file))]));
    const captured = await load(server, token, 32, body, LOAD_SECONDS);
    await waitForProjections(server.url, token);
    const captures = captured.total;
    const rows: BenchRow[] = [{ name: `captureLeads in ${LOAD_SECONDS} s, 32 connections`, value: captures, unit: 'requests' }];
    let total = 0;
    for (const file of files) {
      const wal = walCommits(join(tmp.dir, file), marks.get(file) as WalMark);
      if (wal === null) {
        process.stderr.write(`${file}: its WAL was checkpointed during the load; its rows are left out\n`);
        continue;
      }
      const pages = wal.commits.reduce((sum, commit) => sum + commit.length, 0);
      total += pages * wal.frameBytes;
      const byTree = pagesByTree(wal.commits).map(([name, count]) => `${name.replace(/_v\d+/g, '')} ${(count / wal.commits.length).toFixed(2)}`);
      rows.push(
        { name: `${file}: WAL per captureLead`, value: perCapture(pages * wal.frameBytes, captures), unit: 'KB' },
        { name: `  ${file}: captures per commit (${wal.commits.length} commits)`, value: wal.commits.length === 0 ? 0 : captures / wal.commits.length, unit: 'captures' },
        { name: `  pages per commit, by b-tree: ${byTree.join(', ')}`, value: wal.commits.length === 0 ? 0 : pages / wal.commits.length, unit: 'pages' },
      );
    }
    rows.push({ name: 'all files: WAL per captureLead (without the copy back at checkpoints)', value: perCapture(total, captures), unit: 'KB' });
    return rows;
  } finally {
    await server.stop();
    tmp.cleanup();
  }
}
