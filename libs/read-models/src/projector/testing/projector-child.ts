import { join } from 'node:path';
import { SqliteReadStore } from '../../store/sqlite/sqlite-read-store';
import { Projector } from '../projector';
import { openEvents } from './projector-fixtures';

/** A projector process for crash tests: `node -r test/support/ts-register.js projector-child.ts <dir>`. */
const main = async (): Promise<void> => {
  const dir = process.argv[2];
  const events = openEvents(dir);
  const store = new SqliteReadStore({ filename: join(dir, 'read-models.sqlite') });
  const projector = new Projector(events, store, { batchSize: 100, leaseTtlMs: 600, log: () => undefined });
  await projector.start();
  process.stdout.write('started\n');
  process.on('SIGTERM', () => void projector.stop().then(() => process.exit(0)));
};

void main();
