import { DEFAULT_PAGE_SIZE } from '@crm/read-models';

/** An operation that would cost more than the server takes on for one request. */
export class QueryTooCostlyError extends Error {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'QUERY_TOO_COSTLY';

  constructor(
    readonly cost: number,
    readonly maximumCost: number,
  ) {
    super(
      `This query costs ${Number.isFinite(cost) ? cost : 'more than can be counted'}, more than the ${maximumCost} one request may cost: ` +
        `every field costs 1 and a connection costs its first (${DEFAULT_PAGE_SIZE} when not given) times what it selects, so ask for fewer items or split the query`,
    );
    this.name = 'QueryTooCostlyError';
  }
}
