import type { RebuildResult } from './rebuilder';

/** The projections a rebuild on threads has still to start, and what came of those it started. */
export interface RebuildQueue {
  /** The next projection to rebuild; none when all are taken, or once one has failed. */
  take(): string | undefined;
  rebuilt(result: RebuildResult): void;
  failed(error: Error): void;
  readonly results: readonly RebuildResult[];
  readonly failures: readonly Error[];
}

/** Takes `names` in order; after a failure it hands out nothing more, so the threads wind down. */
export const rebuildQueue = (names: readonly string[]): RebuildQueue => {
  const waiting = [...names];
  const results: RebuildResult[] = [];
  const failures: Error[] = [];
  return {
    take: () => (failures.length > 0 ? undefined : waiting.shift()),
    rebuilt: (result) => results.push(result),
    failed: (error) => failures.push(error),
    results,
    failures,
  };
};
