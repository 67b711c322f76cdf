import { DEFAULT_PIPELINE_ID, Money } from '@crm/domain';
import type { MoneyDoc } from '../../projections/money';
import { pipelineGrainFor, type PipelineDoc, type PipelineQuery } from '../../projections/pipeline';
import { MOVEMENT_BUCKETS, type MovementBucketName, type MovementReport } from '../movement.types';
import type { OpportunityVersionDoc } from '../timeline.types';

/** What the reference computations need of an opportunity at an instant: a version document or a reference fold's state. */
export type StateAt = Pick<OpportunityVersionDoc, 'pipelineId' | 'ownerId' | 'stage' | 'status' | 'amount' | 'expectedCloseDate'>;

/** Each opportunity's document in force at `t` (null: now) by a plain scan, without `versionAt`. */
export function docsAt(docs: readonly OpportunityVersionDoc[], t: number | null): Map<string, OpportunityVersionDoc> {
  const states = new Map<string, OpportunityVersionDoc>();
  for (const doc of [...docs].sort((a, b) => a.seq - b.seq)) {
    if (t === null || Date.parse(doc.at) <= t) states.set(doc.opportunityId, doc);
  }
  return states;
}

/**
 * One aggregate per opportunity at the query's grain: `summarisePipeline` sums them by stage and,
 * with its own filter of what a query covers, drops those outside the query, so its answer is the
 * pipeline of these states by the live read model's rules.
 */
export function onePerOpportunity(states: Iterable<StateAt>, query: PipelineQuery): PipelineDoc[] {
  const grain = pipelineGrainFor(query);
  const byOwner = grain === 'stage_owner' || grain === 'stage_owner_month';
  const byMonth = grain === 'stage_month' || grain === 'stage_owner_month';
  return [...states].map((state, i) => ({
    id: String(i),
    grain,
    pipelineId: state.pipelineId,
    stage: state.stage,
    ownerId: byOwner ? state.ownerId : null,
    closeMonth: byMonth ? state.expectedCloseDate.slice(0, 7) : null,
    currency: state.amount.currency,
    count: 1,
    amountMinor: state.amount.amountMinor,
    amount: state.amount.amount,
  }));
}

const minorOf = (amount: MoneyDoc): bigint => Money.fromJson(amount).amountMinor;

/** In the pipeline in the movement sense, read from the query field by field. */
export function inPipeline(state: StateAt | undefined, query: PipelineQuery): state is StateAt {
  if (state === undefined || state.status !== 'OPEN') return false;
  const month = state.expectedCloseDate.slice(0, 7);
  return (
    state.pipelineId === (query.pipelineId || DEFAULT_PIPELINE_ID) &&
    (!query.ownerId || state.ownerId === query.ownerId) &&
    (!query.currency || state.amount.currency === query.currency) &&
    (!query.closeDateFrom || month >= query.closeDateFrom.slice(0, 7)) &&
    (!query.closeDateTo || month <= query.closeDateTo.slice(0, 7))
  );
}

/** Per currency and bucket, "id minor" lines sorted: the design's rules applied to the states at both ends. */
export type BucketLines = Record<string, Partial<Record<MovementBucketName, string[]>>>;

export function referenceMovement(
  atFrom: ReadonlyMap<string, StateAt>,
  atTo: ReadonlyMap<string, StateAt>,
  openedAt: (id: string) => number,
  from: number,
  query: PipelineQuery,
): BucketLines {
  const lines: BucketLines = {};
  const put = (currency: string, bucket: MovementBucketName, id: string, minor: bigint) => ((lines[currency] ??= {})[bucket] ??= []).push(`${id} ${minor}`);
  for (const [id, end] of atTo) {
    const start = atFrom.get(id);
    const wasIn = inPipeline(start, query);
    const isIn = inPipeline(end, query);
    if (wasIn && isIn && start.amount.currency === end.amount.currency) {
      const change = minorOf(end.amount) - minorOf(start.amount);
      if (change > 0n) put(end.amount.currency, 'increased', id, change);
      if (change < 0n) put(end.amount.currency, 'decreased', id, -change);
    } else {
      if (wasIn) put(start.amount.currency, end.status === 'WON' ? 'won' : end.status === 'LOST' ? 'lost' : 'pushedOut', id, minorOf(start.amount));
      if (isIn) put(end.amount.currency, openedAt(id) > from ? 'created' : 'pulledIn', id, minorOf(end.amount));
    }
    if (wasIn) put(start.amount.currency, 'start', id, minorOf(start.amount));
    if (isIn) put(end.amount.currency, 'end', id, minorOf(end.amount));
  }
  for (const buckets of Object.values(lines)) for (const entries of Object.values(buckets)) entries.sort();
  return lines;
}

/** The report in the same shape: empty buckets left out. */
export function linesOf(report: MovementReport): BucketLines {
  const lines: BucketLines = {};
  for (const movement of report.currencies) {
    const buckets: Partial<Record<MovementBucketName, string[]>> = {};
    for (const name of MOVEMENT_BUCKETS) {
      if (movement[name].count > 0) buckets[name] = movement[name].entries.map((entry) => `${entry.opportunityId} ${entry.amountMinor}`).sort();
    }
    lines[movement.currency] = buckets;
  }
  return lines;
}
