import { renameSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/**
 * Preloaded into a bench server (`--expose-gc --require <this>`; see `startBenchServer`'s nodeArgs),
 * never into the product: on SIGUSR2 the API's thread collects its garbage and writes its memory
 * figures to CRM_BENCH_MEMORY_FILE, since /proc shows the process's resident memory but not its heap.
 * `asked` counts the signals, so a reader knows the figures answer its own request.
 */
const file = process.env.CRM_BENCH_MEMORY_FILE;
const gc = (globalThis as { gc?: () => void }).gc;

if (isMainThread && file !== undefined && gc !== undefined) {
  let asked = 0;
  process.on('SIGUSR2', () => {
    asked++;
    // Twice: what the first collection's weak callbacks let go of is collected by the second.
    gc();
    gc();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    writeFileSync(`${file}.tmp`, JSON.stringify({ asked, rss, heapUsed, external, arrayBuffers }));
    renameSync(`${file}.tmp`, file);
  });
}
