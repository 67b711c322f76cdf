import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

/**
 * Preloaded into a bench server (`--expose-gc --require <this>`; see `memoryProbeSetup`), never into
 * the product, and so into its write thread too. On SIGUSR2 the write thread and then the API's thread
 * collect their garbage, the write thread reports its heap, and the API's thread writes the process's
 * memory figures to CRM_BENCH_MEMORY_FILE: /proc shows the resident memory but not the heap, and neither thread's
 * garbage should count. `asked` counts the signals, so a reader knows the figures answer its request.
 */
const file = process.env.CRM_BENCH_MEMORY_FILE;
const gc = (globalThis as { gc?: () => void }).gc;
/** How long the API's thread waits for the write thread's collection. */
const WRITE_THREAD_WAIT_MS = 1_000;

/** Twice: what the first collection's weak callbacks let go of is collected by the second. */
const collect = (run: () => void): void => {
  run();
  run();
};

if (file !== undefined && gc !== undefined) {
  const threads = new BroadcastChannel('crm-bench-memory');
  threads.unref();
  if (!isMainThread) {
    threads.onmessage = (message) => {
      if ((message as { data: unknown }).data !== 'collect') return;
      collect(gc);
      threads.postMessage({ writeThreadHeapUsed: getHeapStatistics().used_heap_size });
      if (process.env.CRM_BENCH_HEAP_SNAPSHOTS !== undefined) writeHeapSnapshot(join(process.env.CRM_BENCH_HEAP_SNAPSHOTS, `write-thread-${Date.now()}.heapsnapshot`));
    };
  } else {
    let asked = 0;
    let collected: (() => void) | null = null;
    // null: the write thread did not answer in time (or there is none).
    let writeThreadHeapUsed: number | null = null;
    threads.onmessage = (message) => {
      writeThreadHeapUsed = ((message as { data: { writeThreadHeapUsed?: number } }).data.writeThreadHeapUsed) ?? null;
      collected?.();
    };
    const writeFigures = (): void => {
      collected = null;
      collect(gc);
      const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
      writeFileSync(`${file}.tmp`, JSON.stringify({ asked, rss, heapUsed, external, arrayBuffers, writeThreadHeapUsed }));
      renameSync(`${file}.tmp`, file);
    };
    process.on('SIGUSR2', () => {
      asked++;
      writeThreadHeapUsed = null;
      const timer = setTimeout(writeFigures, WRITE_THREAD_WAIT_MS);
      collected = () => {
        clearTimeout(timer);
        writeFigures();
      };
      threads.postMessage('collect');
    });
  }
}
