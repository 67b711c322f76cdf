import type { PipelineQuery } from '../projections/pipeline';
import { monthNumber } from './column-codes';
import { OPEN, type PipelineColumns } from './pipeline-columns';

/** An instant as reports take it: epoch milliseconds, a Date, or null for now. */
export type Instant = number | Date | null;

export const epochOf = (at: Instant): number | null => (at instanceof Date ? at.getTime() : at);

const given = (value: string | null | undefined): value is string => typeof value === 'string' && value !== '';

/** Any value matches. */
const ANY = -2;

/**
 * A `PipelineQuery` read once into what every version is compared with, as codes of the pipeline's
 * columns, so the loop over tens of thousands of versions compares integers. Close dates match by
 * month, whole, and the currency as written, as the `pipeline` query matches them. An owner or
 * currency no version has gets code -1, which no version matches.
 */
export class VersionMatch {
  private readonly owner: number;
  private readonly currency: number;
  private readonly fromMonth: number;
  private readonly toMonth: number;

  constructor(
    private readonly columns: PipelineColumns,
    query: PipelineQuery,
  ) {
    this.owner = given(query.ownerId) ? columns.owners.find(query.ownerId) : ANY;
    this.currency = given(query.currency) ? columns.currencies.find(query.currency) : ANY;
    this.fromMonth = given(query.closeDateFrom) ? monthNumber(query.closeDateFrom) : -Infinity;
    this.toMonth = given(query.closeDateTo) ? monthNumber(query.closeDateTo) : Infinity;
  }

  /** Version `i` is in the query's pipeline and slice, whatever its status. */
  matches(i: number): boolean {
    const c = this.columns;
    return (
      c.inPipeline[i] === 1 &&
      (this.owner === ANY || c.owner[i] === this.owner) &&
      (this.currency === ANY || c.currency[i] === this.currency) &&
      c.closeMonth[i] >= this.fromMonth &&
      c.closeMonth[i] <= this.toMonth
    );
  }

  /** In the pipeline in the movement sense: open, and in the query's slice (-1, no version, is not). */
  openAndMatching(i: number): boolean {
    return i >= 0 && this.columns.status[i] === OPEN && this.matches(i);
  }
}
