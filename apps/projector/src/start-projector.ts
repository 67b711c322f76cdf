import { Global, Logger, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApplicationModule, EVENT_STORE, LeadConversionRunner, openStores, PROCESS_CHECKPOINTS, ReadStoreCheckpoints, type CrmConfig, type Stores,
} from '@crm/application';
import type { EventStore } from '@crm/event-store';
import { Projector, type ProjectorOptions, type ReadModels, type ReadStore } from '@crm/read-models';

export interface StartProjectorOptions extends ProjectorOptions {
  /** Stores the caller already opened (the all-in-one process shares them); opened from config otherwise and closed on stop. */
  eventStore?: EventStore;
  readStore?: ReadStore;
  /** Run the lead conversion runner here (default true); skip it when another context in this process runs it. */
  leadConversion?: boolean;
}

export interface RunningProjector {
  projector: Projector;
  readModels: ReadModels;
  eventStore: EventStore;
  readStore: ReadStore;
  stop(): Promise<void>;
}

/** The write side's Nest context, for the lead conversion runner (it completes conversions from the log). */
const conversionContext = (eventStore: EventStore, readStore: ReadStore): Promise<INestApplicationContext> => {
  @Global()
  @Module({
    providers: [
      { provide: EVENT_STORE, useValue: eventStore },
      { provide: PROCESS_CHECKPOINTS, useValue: new ReadStoreCheckpoints(readStore) },
    ],
    exports: [EVENT_STORE, PROCESS_CHECKPOINTS],
  })
  class ProjectorStoresModule {}

  @Module({ imports: [ProjectorStoresModule, ApplicationModule] })
  class ProjectorProcessModule {}

  return NestFactory.createApplicationContext(ProjectorProcessModule, { logger: ['error', 'warn'] });
};

/** Starts every projection (each under its lease) and the lead conversion runner; `stop()` shuts both down. */
export const startProjector = async (config: CrmConfig, options: StartProjectorOptions = {}): Promise<RunningProjector> => {
  const opened: Stores | null = options.eventStore && options.readStore ? null : await openStores(config);
  // A store the caller passed in wins; the one opened in its place is not needed.
  if (opened && options.eventStore) await opened.eventStore.close();
  if (opened && options.readStore) await opened.readStore.close();
  const eventStore = options.eventStore ?? (opened as Stores).eventStore;
  const readStore = options.readStore ?? (opened as Stores).readStore;
  const logger = new Logger('Projector');
  const projector = new Projector(eventStore, readStore, { log: (level, message) => logger[level](message), ...options });
  await projector.start();
  const context = options.leadConversion === false ? null : await conversionContext(eventStore, readStore);
  context?.get(LeadConversionRunner).start();
  const stop = async (): Promise<void> => {
    await context?.get(LeadConversionRunner).stop();
    await context?.close();
    await projector.stop();
    if (opened) {
      if (options.readStore === undefined) await opened.readStore.close();
      if (options.eventStore === undefined) await opened.eventStore.close();
    }
  };
  return { projector, readModels: projector.readModels, eventStore, readStore, stop };
};
