import type { OpportunityStatus } from '@crm/domain';
import type { MoneyDoc } from '../projections/money';
import { PipelineColumns } from './pipeline-columns';

/**
 * One stored version of an opportunity: what it was from `at` (business time) until its next
 * version. Written when anything a pipeline report counts changes: pipeline, owner, stage, status,
 * amount or expected close date. Nothing personal is kept: ids, amounts, stage keys and owner ids.
 */
export type OpportunityVersionDoc = {
  /** `<opportunityId>:<seq>`. */
  id: string;
  opportunityId: string;
  /** 0 for the version it was opened with, then one more per version. */
  seq: number;
  /** ISO instant from which this version holds: never earlier than the version before it. */
  at: string;
  openedAt: string;
  pipelineId: string;
  ownerId: string;
  stage: string;
  status: OpportunityStatus;
  amount: MoneyDoc;
  expectedCloseDate: string;
  lastPosition?: number;
};

/** A version as reports read it in memory: times in epoch milliseconds, the amount in exact minor units. */
export type OpportunityVersion = {
  seq: number;
  at: number;
  pipelineId: string;
  ownerId: string;
  stage: string;
  status: OpportunityStatus;
  currency: string;
  amountMinor: bigint;
  expectedCloseDate: string;
  /** `YYYY-MM` of `expectedCloseDate`. */
  closeMonth: string;
};

/** Every version of one opportunity, by `at` (equal `at`s by `seq`). */
export type OpportunityTimeline = {
  opportunityId: string;
  openedAt: number;
  versions: readonly OpportunityVersion[];
};

/** The timelines reports read: by opportunity, and by every pipeline an opportunity was ever in. */
export interface Timelines {
  get(opportunityId: string): OpportunityTimeline | undefined;
  /** Every opportunity with a version in `pipelineId`, in no particular order (a TimelineSet gives them by id). */
  inPipeline(pipelineId: string): Iterable<OpportunityTimeline>;
  readonly size: number;
  /** The pipeline's timelines laid out for reports, when the implementation keeps them between reads. */
  columnsOf?(pipelineId: string): PipelineColumns;
}

/** The version that held at `at` (epoch ms; null for now): the last one not after it, or null when it did not exist yet. */
export function versionAt(timeline: OpportunityTimeline, at: number | null): OpportunityVersion | null {
  const { versions } = timeline;
  if (at === null) return versions[versions.length - 1] ?? null;
  let low = 0;
  let high = versions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (versions[middle].at <= at) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? null : versions[low - 1];
}

export function versionOf(doc: OpportunityVersionDoc): OpportunityVersion {
  return {
    seq: doc.seq,
    at: Date.parse(doc.at),
    pipelineId: doc.pipelineId,
    ownerId: doc.ownerId,
    stage: doc.stage,
    status: doc.status,
    currency: doc.amount.currency,
    amountMinor: exactMinor(doc.amount),
    expectedCloseDate: doc.expectedCloseDate,
    closeMonth: doc.expectedCloseDate.slice(0, 7),
  };
}

/** The amount's minor units, exact also beyond 2^53 (then read from its decimal string). */
function exactMinor(amount: MoneyDoc): bigint {
  if (Number.isSafeInteger(amount.amountMinor)) return BigInt(amount.amountMinor);
  const negative = amount.amount.startsWith('-');
  const digits = amount.amount.replace(/^-/, '').replace('.', '');
  return negative ? -BigInt(digits) : BigInt(digits);
}

type HeldTimeline = { opportunityId: string; openedAt: number; versions: OpportunityVersion[] };

/**
 * The opportunities ever in one pipeline, with what reports read of them: the timelines by id and
 * their columns, laid out on the first read and then kept up with each version added. `changes`
 * counts the new opportunities put in order since: past a sixty-fourth of them, inserting one by
 * one would cost more than sorting again (a catch-up of many new deals), so both are dropped.
 */
type Members = { ids: Set<string>; byId: HeldTimeline[] | null; columns: PipelineColumns | null; changes: number };

const byOpportunityId = (a: HeldTimeline, b: HeldTimeline): number => (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0);

function insertedById(timelines: HeldTimeline[], timeline: HeldTimeline): void {
  let low = 0;
  let high = timelines.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timelines[middle].opportunityId < timeline.opportunityId) low = middle + 1;
    else high = middle;
  }
  timelines.splice(low, 0, timeline);
}

/** Timelines held in memory, filled from version documents in any order; per pipeline, by id and as columns (pipeline-columns.ts). */
export class TimelineSet implements Timelines {
  private readonly byId = new Map<string, HeldTimeline>();
  private readonly byPipeline = new Map<string, Members>();

  get size(): number {
    return this.byId.size;
  }

  get(opportunityId: string): OpportunityTimeline | undefined {
    return this.byId.get(opportunityId);
  }

  /** By opportunity id. */
  inPipeline(pipelineId: string): readonly OpportunityTimeline[] {
    const members = this.byPipeline.get(pipelineId);
    if (members === undefined) return [];
    if (members.byId === null) {
      members.byId = [...members.ids].map((id) => this.byId.get(id)!).sort(byOpportunityId);
      members.changes = 0;
    }
    return members.byId;
  }

  columnsOf(pipelineId: string): PipelineColumns {
    const members = this.byPipeline.get(pipelineId);
    if (members === undefined) return new PipelineColumns(pipelineId, []);
    members.columns ??= new PipelineColumns(pipelineId, this.inPipeline(pipelineId));
    return members.columns;
  }

  /** Adds a version (again: replaced, so adding a document twice changes nothing). */
  add(doc: OpportunityVersionDoc): void {
    const version = versionOf(doc);
    let timeline = this.byId.get(doc.opportunityId);
    if (timeline === undefined) {
      timeline = { opportunityId: doc.opportunityId, openedAt: Date.parse(doc.openedAt), versions: [] };
      this.byId.set(doc.opportunityId, timeline);
    }
    const { versions } = timeline;
    const same = versions.findIndex((held) => held.seq === version.seq);
    if (same >= 0) versions.splice(same, 1);
    let at = versions.length;
    while (at > 0 && versions[at - 1].seq > version.seq) at--;
    versions.splice(at, 0, version);
    this.joined(version.pipelineId, timeline);
    const touched: string[] = [];
    for (const held of versions) {
      if (touched.includes(held.pipelineId)) continue;
      touched.push(held.pipelineId);
      this.changed(this.byPipeline.get(held.pipelineId)!, timeline);
    }
  }

  private joined(pipelineId: string, timeline: HeldTimeline): void {
    let members = this.byPipeline.get(pipelineId);
    if (members === undefined) this.byPipeline.set(pipelineId, (members = { ids: new Set(), byId: null, columns: null, changes: 0 }));
    if (members.ids.has(timeline.opportunityId)) return;
    members.ids.add(timeline.opportunityId);
    if (members.byId === null) return;
    if (++members.changes > 64 + members.byId.length / 64) {
      members.byId = null;
      members.columns = null;
    } else insertedById(members.byId, timeline);
  }

  private changed(members: Members, timeline: HeldTimeline): void {
    members.columns?.replace(timeline);
  }
}
