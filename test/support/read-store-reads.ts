import { READ_STORE } from '@crm/application';
import type { ReadStore } from '@crm/read-models';
import type { RunningServer } from './running-server';

const READS = ['get', 'getMany', 'find'] as const;

/**
 * Counts the reads the API's read store serves from now on (the store itself still answers them), so
 * a test can show a request was refused before anything was read. `stop` puts the store back as it was.
 */
export const countReadStoreReads = (server: RunningServer): { count(): number; stop(): void } => {
  const store = server.embedded.app.get<typeof READ_STORE, ReadStore>(READ_STORE, { strict: false });
  const spies = READS.map((read) => jest.spyOn(store, read));
  return {
    count: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
    stop: () => spies.forEach((spy) => spy.mockRestore()),
  };
};
