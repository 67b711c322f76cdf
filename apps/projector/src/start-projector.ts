import { mkdirSync } from 'node:fs';
import { Global, Logger, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule, EVENT_STORE, LeadConversionRunner, PROCESS_CHECKPOINTS, type CrmConfig } from '@crm/application';
import { EsdbEventStore, SqliteEventStore, type EventStore } from '@crm/event-store';
import { Projector, openReadStore, type ProjectorOptions, type ReadModels, type ReadStore } from '@crm/read-models';
import { ReadStoreCheckpoints } from './read-store-checkpoints';

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

export const openEventStoreOf = (config: CrmConfig): EventStore => {
  if (config.eventStore.kind === 'esdb') return new EsdbEventStore({ connectionString: config.eventStore.url });
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ path: config.eventStore.path });
};

export const openReadStoreOf = (config: CrmConfig): Promise<ReadStore> => {
  if (config.readStore.kind === 'mongo') return openReadStore({ kind: 'mongo', url: config.readStore.url, dbName: config.readStore.database });
  mkdirSync(config.dataDir, { recursive: true });
  return openReadStore({ kind: 'sqlite', filename: config.readStore.path });
};

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
  const eventStore = options.eventStore ?? openEventStoreOf(config);
  const readStore = options.readStore ?? (await openReadStoreOf(config));
  const logger = new Logger('Projector');
  const projector = new Projector(eventStore, readStore, { log: (level, message) => logger[level](message), ...options });
  await projector.start();
  const context = options.leadConversion === false ? null : await conversionContext(eventStore, readStore);
  context?.get(LeadConversionRunner).start();
  const stop = async (): Promise<void> => {
    await context?.get(LeadConversionRunner).stop();
    await context?.close();
    await projector.stop();
    if (options.readStore === undefined) await readStore.close();
    if (options.eventStore === undefined) await eventStore.close();
  };
  return { projector, readModels: projector.readModels, eventStore, readStore, stop };
};
