import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Preloaded (`node -r`) into the seed's child process by the seed suite: at exit it writes the
 * process's CPU time and the bytes it had the system write to disk (Linux `/proc/self/io`, WAL and
 * checkpoints included) to the file `BENCH_SEED_USAGE_FILE` names.
 */
const target = process.env.BENCH_SEED_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    let writeBytes: number | null = null;
    try {
      writeBytes = Number(/^write_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
    } catch {
      // Not Linux: the suite prints no disk row.
    }
    writeFileSync(target, JSON.stringify({ cpuSeconds: (user + system) / 1e6, writeBytes }));
  });
}
