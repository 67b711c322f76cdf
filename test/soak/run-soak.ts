import { join } from 'node:path';
import { signToken } from '@crm/application';
import { waitForProjections } from '../bench/api.bench';
import { startBenchServer } from '../bench/api-server';
import { percentile, tempDir } from '../bench/bench-kit';
import { memoryProbeSetup, ServerMemoryProbe } from '../bench/server-memory';
import { seedListsData } from '../bench/lists-bench-data';
import { scriptOptions, wholeNumber } from '../fuzz/script-args';
import { measureCapacity } from './capacity';
import { pacedLoad } from './paced-load';
import { SoakMix } from './soak-mix';
import { soakCacheSetup } from './soak-caches';
import { soakSeed } from './soak-seed';
import { judgeSoak, type SoakMinute } from './soak-verdict';
import { mib, residentBytes, residentParts, sqliteFileBytes } from './server-rss';

const SECRET = 'soak-secret-soak-secret-soak-secret-0123456789';
const RSS_SAMPLE_MS = 5_000;
/** Enough to ride out a slow second; beyond it the server is behind and the request is skipped and counted. */
const MAX_IN_FLIGHT = 64;

/** One minute of the soak at `rate`, with the server's resident memory sampled through it. */
const soakMinute = async (minute: number, pid: number, probe: ServerMemoryProbe, dataDir: string, load: Parameters<typeof pacedLoad>[0]): Promise<SoakMinute> => {
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(residentBytes(pid)), RSS_SAMPLE_MS);
  const window = await pacedLoad(load).finally(() => clearInterval(sampler));
  rss.push(residentBytes(pid));
  // Read last: the probe's full collections would lower the samples after it.
  const collected = await probe.read();
  return {
    minute, rssMedian: percentile(rss, 0.5), rssLast: rss[rss.length - 1], rssAfterGc: collected.rssBytes, heapAfterGc: collected.heapBytes,
    writeHeapAfterGc: collected.writeThreadHeapBytes, anonAfterGc: residentParts(pid).anon, readModelFileBytes: sqliteFileBytes(join(dataDir, 'read-models.sqlite')), requests: window.requests, errors: window.errors, skipped: window.skipped,
    errorSamples: window.errorSamples, p50: percentile(window.latencies, 0.5), p99: percentile(window.latencies, 0.99),
  };
};

const row = (m: SoakMinute): string =>
  `${String(m.minute).padStart(6)} ${mib(m.rssMedian).padStart(12)} ${mib(m.rssLast).padStart(10)} ${mib(m.rssAfterGc).padStart(12)} ${mib(m.heapAfterGc).padStart(13)} ${(m.writeHeapAfterGc === null ? '-' : mib(m.writeHeapAfterGc)).padStart(10)} ${mib(m.anonAfterGc).padStart(9)} ${mib(m.readModelFileBytes).padStart(9)} ${m.p50.toFixed(1).padStart(8)} ${m.p99.toFixed(1).padStart(8)} ${String(m.requests).padStart(9)} ${String(m.errors).padStart(7)} ${String(m.skipped).padStart(8)}`;

/**
 * `npm run soak [-- --minutes M] [--leads N] [--caches soak|product]`: seeds N leads (default 3,000) into a fresh data folder,
 * starts the built embedded process on it, finds the rate the mixed load sustains, then runs the mix
 * at half that rate for M minutes (default 10), printing per minute the server's resident memory,
 * p50, p99, requests and errors. The process's bounded caches are held small (soak-caches.ts) unless
 * `--caches product`. Exits 1 on any error or on memory grown more than 10 % after warm-up.
 */
const main = async (): Promise<number> => {
  const options = scriptOptions(process.argv.slice(2), ['minutes', 'leads', 'caches']);
  const minutes = wholeNumber(options, 'minutes', 10);
  const leads = wholeNumber(options, 'leads', 3_000);
  const caches = options.caches ?? 'soak';
  if (caches !== 'soak' && caches !== 'product') throw new Error('--caches takes soak or product');
  if (minutes < 1) throw new Error('--minutes takes at least 1');
  const data = tempDir('crm-soak-');
  console.log(`# Soak: mixed reads and writes at half the measured capacity for ${minutes} minute(s)\nseeding ${leads.toLocaleString('en-US')} leads into ${data.dir}`);
  await seedListsData(data.dir, leads, process.env.BENCH_SEED_CACHE);
  // The bench's memory probe: on request the server collects its garbage and reports the API thread's heap.
  const memory = memoryProbeSetup(join(data.dir, 'memory.json'));
  const cap = soakCacheSetup(caches === 'product');
  for (const line of cap.lines) console.log(line);
  // A server that does not start leaves no data folder behind either.
  const server = await startBenchServer(data.dir, SECRET, { ...memory.env, ...cap.env }, 120_000, [...memory.nodeArgs, ...cap.nodeArgs]).catch((error: unknown) => {
    data.cleanup();
    throw error;
  });
  const probe = new ServerMemoryProbe(server.pid, join(data.dir, 'memory.json'));
  try {
    const token = await signToken({ sub: 'soak', roles: ['admin'] }, SECRET);
    await waitForProjections(server.url, token);
    const mix = new SoakMix(await soakSeed(server.url, token));
    const load = { url: server.url, token, maxInFlight: MAX_IN_FLIGHT, next: () => mix.next() };
    console.log(`server pid ${server.pid}, resident ${mib(residentBytes(server.pid))} MiB after start; capacity ramp:`);
    const { capacity } = await measureCapacity(load, (line) => console.log(line));
    const rate = Math.max(1, Math.round(capacity / 2));
    console.log(`capacity ${capacity.toFixed(1)} req/s; soaking at ${rate} req/s\n${'minute'.padStart(6)} ${'RSS med MiB'.padStart(12)} ${'RSS end'.padStart(10)} ${'RSS after GC'.padStart(12)} ${'heap after GC'.padStart(13)} ${'write heap'.padStart(10)} ${'anon'.padStart(9)} ${'RM file'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'requests'.padStart(9)} ${'errors'.padStart(7)} ${'skipped'.padStart(8)}`);
    const rows: SoakMinute[] = [];
    for (let minute = 1; minute <= minutes; minute++) {
      rows.push(await soakMinute(minute, server.pid, probe, data.dir, { ...load, rate, seconds: 60 }));
      console.log(row(rows[rows.length - 1]));
    }
    const verdict = judgeSoak(rows);
    for (const line of verdict.lines) console.log(line);
    return verdict.passed ? 0 : 1;
  } finally {
    await server.stop();
    data.cleanup();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
