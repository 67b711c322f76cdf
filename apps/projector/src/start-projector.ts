import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule, ErasureProcess, LeadConversionRunner, openStores, PipelineRevisionRunner, StoresModule, type CrmConfig } from '@crm/application';
import type { EventStore } from '@crm/event-store';
import { Projector, type ProjectorOptions, type ReadModels, type ReadStore } from '@crm/read-models';

export interface StartProjectorOptions extends ProjectorOptions {
  /**
   * Run the lead conversion and pipeline revision runners here (default true); skip them when another
   * context in this process runs them.
   */
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
 * the lead conversion and pipeline revision runners; `stop()` shuts them down and closes the stores.
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
  const processes = options.leadConversion === false ? [] : [context.get(LeadConversionRunner), context.get(PipelineRevisionRunner)];
  for (const runner of processes) runner.start();
  const stop = async (): Promise<void> => {
    for (const runner of processes) await runner.stop();
    await projector.stop();
    await context.close();
  };
  return { projector, readModels: projector.readModels, eventStore: stores.eventStore, readStore: stores.readStore, stop };
};
