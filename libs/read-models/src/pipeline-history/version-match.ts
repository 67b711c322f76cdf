import type { OpportunityVersion } from './timeline.types';
import { pipelineIdOf, type PipelineQuery } from '../projections/pipeline';

/** An instant as reports take it: epoch milliseconds, a Date, or null for now. */
export type Instant = number | Date | null;

export const epochOf = (at: Instant): number | null => (at instanceof Date ? at.getTime() : at);

/**
 * A `PipelineQuery` read once into what every version is compared with, so the loop over tens of
 * thousands of versions does plain field comparisons. Close dates match by month, whole, as the
 * `pipeline` query matches them; the currency as written, as the `pipeline` query compares it.
 */
export type VersionMatch = {
  pipelineId: string;
  ownerId: string | null;
  currency: string | null;
  fromMonth: string | null;
  toMonth: string | null;
};

const given = (value: string | null | undefined): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function versionMatchOf(query: PipelineQuery): VersionMatch {
  return {
    pipelineId: pipelineIdOf(query),
    ownerId: given(query.ownerId),
    currency: given(query.currency),
    fromMonth: given(query.closeDateFrom)?.slice(0, 7) ?? null,
    toMonth: given(query.closeDateTo)?.slice(0, 7) ?? null,
  };
}

/** Whether the version is in the query's pipeline and slice, whatever its status. */
export function matches(version: OpportunityVersion, match: VersionMatch): boolean {
  return (
    version.pipelineId === match.pipelineId &&
    (match.ownerId === null || version.ownerId === match.ownerId) &&
    (match.currency === null || version.currency === match.currency) &&
    (match.fromMonth === null || version.closeMonth >= match.fromMonth) &&
    (match.toMonth === null || version.closeMonth <= match.toMonth)
  );
}

/** In the pipeline at that instant, in the movement sense: open, and in the query's slice. */
export const openAndMatching = (version: OpportunityVersion | null, match: VersionMatch): version is OpportunityVersion =>
  version !== null && version.status === 'OPEN' && matches(version, match);
