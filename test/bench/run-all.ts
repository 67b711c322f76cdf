import { benchEventStore } from './event-store.bench';
import { machine, peakRssMiB, printRows } from './bench-kit';

/** `npm run bench`: every figure beside its baseline measured in the same run, on this machine. */
const main = async (): Promise<void> => {
  console.log(`# Pipeline CRM benchmarks\nmachine: ${machine()}\n`);
  printRows('Event store (SQLite adapter)', await benchEventStore());
  console.log(`\npeak RSS: ${peakRssMiB()} MiB`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
