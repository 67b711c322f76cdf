import { HistoryService, loadConfig, PipelineReports, ReadModelsAsOf, type Stores } from '@crm/application';
import { opportunityTimelineProjection, Projector, TimelineKeeper } from '@crm/read-models';
import { writeLine, type CliIo } from '../cli-context';
import { openExistingStores } from '../cli-stores';

/** How long a report waits for the opportunity timelines to reach the end of the log (after any first build). */
const CATCH_UP_MS = 60_000;

/** The read model could not be brought up to the log in time: a report now would leave out its end. */
export class TimelinesBehindError extends Error {
  constructor(seconds: number) {
    super(`the opportunity timelines did not catch up with the log within ${seconds} s; try again, or see \`crm projections status\``);
    this.name = 'TimelinesBehindError';
  }
}

/**
 * Brings the `opportunity_timeline` read model up to everything the log holds now: this process
 * builds it when it was never built and applies what is missing, or, while a server's projector
 * holds the projection, waits for that one. Only this projection: a report needs no other.
 */
const catchUp = async (stores: Stores, projector: Projector): Promise<void> => {
  const head = await stores.eventStore.headPosition();
  await projector.start();
  if (head === null) return;
  if (!(await projector.readModels.waitForPosition(head, [opportunityTimelineProjection.name], CATCH_UP_MS))) {
    throw new TimelinesBehindError(CATCH_UP_MS / 1000);
  }
};

/**
 * PipelineReports over the data folder's stores, as the API composes it: the timelines a keeper reads
 * from the read model, pipeline definitions replayed from the log. The read model is caught up first,
 * so a report counts every event written before the command started, with or without a server running.
 */
export const withPipelineReports = async <T>(io: CliIo, work: (reports: PipelineReports) => Promise<T>): Promise<T> => {
  const stores = await openExistingStores(io);
  const projector = new Projector(stores.eventStore, stores.readStore, {
    projections: [opportunityTimelineProjection],
    rebuildMemoryBudgetBytes: loadConfig(io.env).rebuildMemoryBudgetBytes,
    log: (_level, message) => writeLine(io.stderr, message),
  });
  try {
    await catchUp(stores, projector);
    const keeper = new TimelineKeeper(projector.readModels, stores.readStore);
    return await work(new PipelineReports(keeper, new ReadModelsAsOf(new HistoryService(stores.eventStore))));
  } finally {
    await projector.stop();
    await stores.close();
  }
};
