import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule, ErasureProcess, LeadConversionRunner, openStores, StoresModule, type CrmConfig } from '@crm/application';
import type { EventStore } from '@crm/event-store';
import { Projector, type ProjectorOptions, type ReadModels, type ReadStore } from '@crm/read-models';

export interface StartProjectorOptions extends ProjectorOptions {
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

/**
 * Starts every projection (each under its lease), completes erasures a crash interrupted, and runs
 * the lead conversion runner; `stop()` shuts them down and closes the stores.
 */
export const startProjector = async (config: CrmConfig, options: StartProjectorOptions = {}): Promise<RunningProjector> => {
  const stores = await openStores(config);
  const logger = new Logger('Projector');
  const projector = new Projector(stores.eventStore, stores.readStore, { log: (level, message) => logger[level](message), ...options });
  await projector.start();
  @Module({ imports: [StoresModule.forStores(stores), ApplicationModule] })
  class ProjectorProcessModule {}
  const context = await NestFactory.createApplicationContext(ProjectorProcessModule, { logger: ['error', 'warn'] });
  await context.get(ErasureProcess).completePending();
  if (options.leadConversion !== false) context.get(LeadConversionRunner).start();
  const stop = async (): Promise<void> => {
    if (options.leadConversion !== false) await context.get(LeadConversionRunner).stop();
    await projector.stop();
    await context.close();
  };
  return { projector, readModels: projector.readModels, eventStore: stores.eventStore, readStore: stores.readStore, stop };
};
