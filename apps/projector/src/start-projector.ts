import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApplicationModule, DEFAULT_PROJECTOR_LEASE_TTL_MS, ErasureProcess, LeadConversionRunner, openStores, processOwnerId, PipelineRevisionRunner, StoresModule, WebhookDeliverer, type CrmConfig, type OpenStoresOptions,
} from '@crm/application';
import type { EventStore } from '@crm/event-store';
import { Projector, type ProjectorOptions, type ReadModels, type ReadStore } from '@crm/read-models';
import { LeasedProcess } from './leased-process';

/** The leases under which one projector process at a time runs each background process. */
export const LEAD_CONVERSION_LEASE = 'process:lead-conversion';
export const PIPELINE_REVISION_LEASE = 'process:pipeline-revision';

export interface StartProjectorOptions extends ProjectorOptions {
  /**
   * Run the lead conversion and pipeline revision runners here (default true); skip them when another
   * context in this process runs them.
   */
  leadConversion?: boolean;
  /** Deliver webhooks here (default true; only the holder of the delivery lease sends). */
  webhookDelivery?: boolean;
  /** Where the webhook delivery settings are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** How the stores are opened: the scaled processes signal each other their commits (see `openStores`). */
  stores?: OpenStoresOptions;
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
 * the lead conversion and pipeline revision runners and the webhook deliverer; `stop()` shuts them
 * down (the deliverer first, so no attempt is left in flight) and closes the stores.
 */
export const startProjector = async (config: CrmConfig, options: StartProjectorOptions = {}): Promise<RunningProjector> => {
  const { stores: storeOptions, ...projectorOptions } = options;
  const stores = await openStores(config, options.env ?? process.env, storeOptions);
  let webhooks: WebhookDeliverer | null = null;
  try {
    // Its settings are checked now: a bad one is a start-up error, not a surprise at the first failing delivery.
    if (options.webhookDelivery !== false) webhooks = new WebhookDeliverer(stores.storedEvents, stores.readStore, stores.masterKey, { env: options.env ?? process.env });
  } catch (error) {
    await stores.close();
    throw error;
  }
  const logger = new Logger('Projector');
  const projector = new Projector(stores.eventStore, stores.readStore, {
    log: (level, message) => logger[level](message), rebuildMemoryBudgetBytes: config.rebuildMemoryBudgetBytes, ...projectorOptions,
  });
  await projector.start();
  @Module({ imports: [StoresModule.forStores(stores), ApplicationModule] })
  class ProjectorProcessModule {}
  const context = await NestFactory.createApplicationContext(ProjectorProcessModule, { logger: ['error', 'warn'] });
  await context.get(ErasureProcess).completePending();
  // Each under a lease of its own, so one projector process runs it and another takes over when it dies.
  const owner = options.owner ?? processOwnerId();
  const leaseTtlMs = options.leaseTtlMs ?? DEFAULT_PROJECTOR_LEASE_TTL_MS;
  const log = (level: 'log' | 'warn' | 'error', message: string): void => logger[level](message);
  const processes = options.leadConversion === false ? [] : [
    new LeasedProcess(stores.readStore, LEAD_CONVERSION_LEASE, owner, leaseTtlMs, context.get(LeadConversionRunner), log),
    new LeasedProcess(stores.readStore, PIPELINE_REVISION_LEASE, owner, leaseTtlMs, context.get(PipelineRevisionRunner), log),
  ];
  for (const runner of processes) runner.start();
  webhooks?.start();
  const stop = async (): Promise<void> => {
    await webhooks?.stop();
    for (const runner of processes) await runner.stop();
    await projector.stop();
    await context.close();
  };
  return { projector, readModels: projector.readModels, eventStore: stores.eventStore, readStore: stores.readStore, stop };
};
