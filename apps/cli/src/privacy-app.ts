import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ApplicationModule, ErasureProcess, loadConfig, StoresModule, type DocumentLookup, type Stores } from '@crm/application';
import type { JsonObject } from '@crm/event-store';
import { Projector, type Doc, type Page } from '@crm/read-models';
import type { CliIo } from './cli-context';
import { openExistingStores } from './cli-stores';

/** How long the command waits for the projections to show an erasure before saying they will later. */
const CATCH_UP_MS = 30_000;

export interface PrivacyApp {
  stores: Stores;
  commands: CommandBus;
  documents: DocumentLookup;
  /**
   * Runs the projections (or waits for the running server's) until they have applied `position`,
   * then purges the read store's freed space (an erased person's old documents).
   */
  catchUp(position: bigint | null): Promise<boolean>;
}

/**
 * The write side as a process runs it, for the data protection officer's commands: every store, the
 * command handlers, and a projector so the read models show an erasure before the command returns
 * (when a server holds the projections, its projector applies it and this one only waits).
 */
export const withPrivacyApp = async <T>(io: CliIo, work: (app: PrivacyApp) => Promise<T>): Promise<T> => {
  // About people who are already recorded: a mistyped data folder must not answer "nothing held".
  const stores = await openExistingStores(io);
  @Module({ imports: [StoresModule.forStores(stores), ApplicationModule] })
  class PrivacyCommandModule {}
  let context: INestApplicationContext | null = null;
  const projector = new Projector(stores.eventStore, stores.readStore, { rebuildMemoryBudgetBytes: loadConfig(io.env).rebuildMemoryBudgetBytes });
  try {
    context = await NestFactory.createApplicationContext(PrivacyCommandModule, { logger: ['error', 'warn'] });
    await context.get(ErasureProcess).completePending();
    let started = false;
    const documents: DocumentLookup = { findAll: (logical, filter) => findAll(stores, projector, logical, filter) };
    return await work({
      stores,
      commands: context.get(CommandBus),
      documents,
      catchUp: async (position) => {
        if (position === null) return true;
        if (!started) await projector.start();
        started = true;
        const shown = await projector.readModels.waitForPosition(position, ['leads', 'contacts'], CATCH_UP_MS);
        if (shown) await stores.readStore.purgeFreedSpace();
        return shown;
      },
    });
  } finally {
    await projector.stop();
    // Closing the context closes the stores (StoresModule); without one they are closed here.
    if (context) await context.close();
    else await stores.close();
  }
};

const findAll = async (stores: Stores, projector: Projector, logical: string, filter: Record<string, unknown>): Promise<JsonObject[]> => {
  const collection = await projector.readModels.collectionFor(logical);
  const items: Doc[] = [];
  let after: string | null = null;
  do {
    const page: Page<Doc> = await stores.readStore.find(collection, { filter: filter as never, first: 500, after });
    items.push(...page.items);
    after = page.hasNextPage ? page.endCursor : null;
  } while (after);
  return items;
};
