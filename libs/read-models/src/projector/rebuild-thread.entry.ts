import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../threads/error-transport';
import { Projector } from './projector';
import type { RebuildStores, RebuildStoresModule } from './rebuild-stores';
import type { FromRebuildThread, RebuildThreadData, ToRebuildThread } from './rebuild-thread-messages';

/**
 * One thread of a rebuild on several threads (`rebuildOnThreads`): it opens its own stores, then
 * rebuilds the projections it is handed one at a time, each reading only its own events from the log.
 */
const run = async (): Promise<void> => {
  const port = parentPort;
  if (port === null) throw new Error('rebuild-thread.entry runs as a worker thread');
  const send = (message: FromRebuildThread): void => port.postMessage(message);
  const data = workerData as RebuildThreadData;
  let stores: RebuildStores;
  try {
    const opener = require(data.storesModule) as RebuildStoresModule;
    stores = await opener.openRebuildStores(data.storesArgument);
  } catch (error) {
    send({ kind: 'open-failed', error: serializeError(error) });
    return;
  }
  const projector = new Projector(stores.events, stores.store, {
    ...data.projector,
    owner: data.owner,
    rebuildMemoryBudgetBytes: data.memoryBudgetBytes,
    log: (level, message) => send({ kind: 'log', level, message }),
  });
  const running = new Set<Promise<void>>();

  const rebuild = async (name: string): Promise<void> => {
    let asked = false;
    // Once readers are being switched the replay's memory is garbage, and what is left is the wait
    // before the old copy is dropped: the next projection can start meanwhile.
    const askNext = (): void => {
      if (!asked) send({ kind: 'next' });
      asked = true;
    };
    try {
      const result = await projector.rebuild([name], (progress) => {
        send({ kind: 'progress', progress });
        if (progress.phase === 'switch') askNext();
      });
      askNext();
      send({ kind: 'rebuilt', result });
    } catch (error) {
      send({ kind: 'failed', name, error: serializeError(error) });
    }
  };

  port.on('message', (message: ToRebuildThread) => {
    if (message.kind === 'rebuild') {
      const rebuilding = rebuild(message.name).finally(() => running.delete(rebuilding));
      running.add(rebuilding);
    } else {
      void Promise.all(running)
        .then(() => stores.close())
        .then(
          () => send({ kind: 'closed' }),
          (error: unknown) => send({ kind: 'closed', error: serializeError(error) }),
        )
        .finally(() => port.close());
    }
  });
  send({ kind: 'ready' });
};

void run();
