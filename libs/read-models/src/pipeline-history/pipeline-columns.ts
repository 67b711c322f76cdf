import type { OpportunityStatus } from '@crm/domain';
import { Codes, dayNumber, monthNumber, NumberCache, withRoom } from './column-codes';
import type { OpportunityTimeline } from './timeline.types';

export const OPEN = 0;
export const WON = 1;
export const LOST = 2;
const STATUS_CODES: Record<OpportunityStatus, number> = { OPEN, WON, LOST };

const byId = (a: OpportunityTimeline, b: OpportunityTimeline): number => (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0);

/**
 * The timelines of every opportunity ever in one pipeline, by opportunity id, laid out as columns:
 * one typed array per field, each opportunity's versions side by side in `at` order. A report reads
 * tens of thousands of opportunities per request; visiting them in this order reads each column
 * front to back instead of chasing one object per version across the heap, which was most of what
 * a report cost. Strings are small codes, close dates day and month numbers, amounts minor units as
 * numbers (exact below 2^53; NaN beyond, with the exact amount in `exactAmounts`).
 *
 * A changed timeline is written again after the others (`replace`), its old versions left unused,
 * so catching up costs as much as the versions caught up with, not a new layout per change.
 */
export class PipelineColumns {
  /** Opportunities, by id; opportunity `k`'s versions are `first[k]` up to `end[k]`. */
  size = 0;
  readonly opportunityIds: string[] = [];
  openedAt = new Float64Array(0);
  first = new Int32Array(0);
  end = new Int32Array(0);
  /** Versions written, the unused ones (of timelines written again) included. */
  private length = 0;
  private unused = 0;
  at = new Float64Array(0);
  /** 1 when the version is in this pipeline (an opportunity may have moved in or out). */
  inPipeline = new Uint8Array(0);
  status = new Uint8Array(0);
  stage = new Int32Array(0);
  owner = new Int32Array(0);
  currency = new Int32Array(0);
  closeMonth = new Int32Array(0);
  closeDay = new Int32Array(0);
  amount = new Float64Array(0);
  readonly exactAmounts = new Map<number, bigint>();
  readonly stages = new Codes();
  readonly owners = new Codes();
  readonly currencies = new Codes();
  private readonly months = new NumberCache(monthNumber);
  private readonly days = new NumberCache(dayNumber);

  /** `timelines` in any order. */
  constructor(
    readonly pipelineId: string,
    timelines: Iterable<OpportunityTimeline>,
  ) {
    const sorted = [...timelines].sort(byId);
    this.roomForOpportunities(sorted.length);
    this.roomForVersions(sorted.reduce((sum, timeline) => sum + timeline.versions.length, 0));
    for (const timeline of sorted) {
      this.opportunityIds.push(timeline.opportunityId);
      this.write(this.size++, timeline);
    }
  }

  /** The index of opportunity `k`'s version at `at` (null: now), or -1 when it did not exist yet. */
  versionAt(k: number, at: number | null): number {
    const first = this.first[k];
    let high = this.end[k];
    if (at === null) return high - 1;
    let low = first;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.at[middle] <= at) low = middle + 1;
      else high = middle;
    }
    return low - 1 < first ? -1 : low - 1;
  }

  /** The exact amount of version `i`. */
  exact(i: number): bigint {
    const minor = this.amount[i];
    return Number.isNaN(minor) ? this.exactAmounts.get(i)! : BigInt(minor);
  }

  /** Takes the timeline as it is now: a new opportunity, or one with another version. */
  replace(timeline: OpportunityTimeline): void {
    let k = this.indexOf(timeline.opportunityId);
    if (k < 0) k = this.inserted(-k - 1, timeline.opportunityId);
    else this.unused += this.end[k] - this.first[k];
    if (this.unused > this.length / 2) this.compact();
    this.roomForVersions(this.length + timeline.versions.length);
    this.write(k, timeline);
  }

  /** Writes the versions in use again, side by side in id order, when half of what is written is no longer read. */
  private compact(): void {
    const starts = new Int32Array(this.size);
    let live = 0;
    for (let k = 0; k < this.size; k++) {
      starts[k] = live;
      live += this.end[k] - this.first[k];
    }
    const packed = <T extends Float64Array | Int32Array | Uint8Array>(column: T): T => {
      const into = new (column.constructor as new (size: number) => T)(Math.ceil(live * 1.5) + 16);
      for (let k = 0; k < this.size; k++) into.set(column.subarray(this.first[k], this.end[k]), starts[k]);
      return into;
    };
    this.at = packed(this.at);
    this.inPipeline = packed(this.inPipeline);
    this.status = packed(this.status);
    this.stage = packed(this.stage);
    this.owner = packed(this.owner);
    this.currency = packed(this.currency);
    this.closeMonth = packed(this.closeMonth);
    this.closeDay = packed(this.closeDay);
    this.amount = packed(this.amount);
    this.moveExactAmounts(starts);
    for (let k = 0; k < this.size; k++) {
      this.end[k] = starts[k] + this.end[k] - this.first[k];
      this.first[k] = starts[k];
    }
    this.length = live;
    this.unused = 0;
  }

  private moveExactAmounts(starts: Int32Array): void {
    if (this.exactAmounts.size === 0) return;
    const moved = new Map<number, bigint>();
    for (let k = 0; k < this.size; k++) {
      for (let i = this.first[k]; i < this.end[k]; i++) if (this.exactAmounts.has(i)) moved.set(starts[k] + i - this.first[k], this.exactAmounts.get(i)!);
    }
    this.exactAmounts.clear();
    for (const [i, minor] of moved) this.exactAmounts.set(i, minor);
  }

  private write(k: number, timeline: OpportunityTimeline): void {
    this.openedAt[k] = timeline.openedAt;
    this.first[k] = this.length;
    for (const version of timeline.versions) {
      const i = this.length++;
      this.at[i] = version.at;
      this.inPipeline[i] = version.pipelineId === this.pipelineId ? 1 : 0;
      this.status[i] = STATUS_CODES[version.status];
      this.stage[i] = this.stages.codeOf(version.stage);
      this.owner[i] = this.owners.codeOf(version.ownerId);
      this.currency[i] = this.currencies.codeOf(version.currency);
      this.closeMonth[i] = this.months.of(version.closeMonth);
      this.closeDay[i] = this.days.of(version.expectedCloseDate);
      const minor = Number(version.amountMinor);
      this.amount[i] = Number.isSafeInteger(minor) ? minor : NaN;
      if (!Number.isSafeInteger(minor)) this.exactAmounts.set(i, version.amountMinor);
    }
    this.end[k] = this.length;
  }

  /** Where the opportunity is, or -(where it would go) - 1. */
  private indexOf(opportunityId: string): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const held = this.opportunityIds[middle];
      if (held === opportunityId) return middle;
      if (held < opportunityId) low = middle + 1;
      else high = middle;
    }
    return -low - 1;
  }

  private inserted(k: number, opportunityId: string): number {
    this.roomForOpportunities(this.size + 1);
    this.opportunityIds.splice(k, 0, opportunityId);
    for (const column of [this.openedAt, this.first, this.end]) column.copyWithin(k + 1, k, this.size);
    this.size++;
    return k;
  }

  private roomForOpportunities(size: number): void {
    this.openedAt = withRoom(this.openedAt, size);
    this.first = withRoom(this.first, size);
    this.end = withRoom(this.end, size);
  }

  private roomForVersions(length: number): void {
    this.at = withRoom(this.at, length);
    this.inPipeline = withRoom(this.inPipeline, length);
    this.status = withRoom(this.status, length);
    this.stage = withRoom(this.stage, length);
    this.owner = withRoom(this.owner, length);
    this.currency = withRoom(this.currency, length);
    this.closeMonth = withRoom(this.closeMonth, length);
    this.closeDay = withRoom(this.closeDay, length);
    this.amount = withRoom(this.amount, length);
  }
}

/** The columns of any timelines' pipeline: kept by a TimelineSet between changes, else laid out for this call. */
export function pipelineColumns(
  timelines: { inPipeline(pipelineId: string): Iterable<OpportunityTimeline>; columnsOf?(pipelineId: string): PipelineColumns },
  pipelineId: string,
): PipelineColumns {
  return timelines.columnsOf?.(pipelineId) ?? new PipelineColumns(pipelineId, timelines.inPipeline(pipelineId));
}
