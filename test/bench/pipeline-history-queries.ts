import { BENCH_PIPELINES } from './api-bench-data';

const DAY = 86_400_000;
const MONEY = '{ amount currency }';
const BUCKET = `{ count amount ${MONEY} }`;
const BUCKETS = ['start', 'created', 'pulledIn', 'increased', 'decreased', 'pushedOut', 'won', 'lost', 'end'] as const;

export const PIPELINE_NOW = `query ($p: ID) { pipeline(filter: { pipelineId: $p }) { stages { stage count amounts ${MONEY} weightedAmounts ${MONEY} } } }`;
export const PIPELINE_AS_OF = `query ($p: ID, $at: DateTime) { pipeline(filter: { pipelineId: $p }, asOf: $at) { stages { stage count amounts ${MONEY} weightedAmounts ${MONEY} } } }`;
/** What a waterfall chart reads: every bucket's count and amount per currency (no drill-down into its opportunities). */
export const MOVEMENT = `query ($p: ID, $from: DateTime!, $to: DateTime!) { pipelineMovement(from: $from, to: $to, filter: { pipelineId: $p }) { currencies { currency ${BUCKETS.map((b) => `${b} ${BUCKET}`).join(' ')} } } }`;
export const FORECAST = `query ($p: ID, $from: DateTime, $to: DateTime) { forecast(filter: { pipelineId: $p }, period: MONTH, from: $from, to: $to) { rows { period category count amounts ${MONEY} weightedAmounts ${MONEY} won ${MONEY} } } }`;
export const NOOP = 'mutation { ping }';

const anyPipeline = (): string => BENCH_PIPELINES[Math.floor(Math.random() * BENCH_PIPELINES.length)].pipelineId;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Request bodies, each with its own pipeline and instants drawn at random (not from the data's seed:
 * only the requests vary), so no answer kept from an earlier request can serve a later one.
 */
export const bodies = (now: number) => ({
  noop: () => JSON.stringify({ query: NOOP }),
  pipeline: () => JSON.stringify({ query: PIPELINE_NOW, variables: { p: anyPipeline() } }),
  pipelineAsOf: () => JSON.stringify({ query: PIPELINE_AS_OF, variables: { p: anyPipeline(), at: iso(now - Math.random() * 365 * DAY) } }),
  /** A quarter (91 days) that ends within the year. */
  movement: () => {
    const from = now - 365 * DAY + Math.random() * 274 * DAY;
    return JSON.stringify({ query: MOVEMENT, variables: { p: anyPipeline(), from: iso(from), to: iso(from + 91 * DAY) } });
  },
  /** Twelve months of close and win dates from an instant within the year. */
  forecast: () => {
    const from = now - Math.random() * 365 * DAY;
    return JSON.stringify({ query: FORECAST, variables: { p: anyPipeline(), from: iso(from), to: iso(from + 365 * DAY) } });
  },
});

type Money = { amount: string; currency: string };
type Bucket = { count: number; amount: Money };

const minor = (money: Money): bigint => BigInt(money.amount.replace('.', ''));

/** Per currency, start + created + pulledIn + increased - decreased - pushedOut - won - lost = end; the currencies where it fails. */
export const brokenIdentities = (currencies: Array<{ currency: string } & Record<(typeof BUCKETS)[number], Bucket>>): string[] =>
  currencies
    .filter((c) => {
      const inflow = minor(c.start.amount) + minor(c.created.amount) + minor(c.pulledIn.amount) + minor(c.increased.amount);
      const outflow = minor(c.decreased.amount) + minor(c.pushedOut.amount) + minor(c.won.amount) + minor(c.lost.amount);
      return inflow - outflow !== minor(c.end.amount);
    })
    .map((c) => c.currency);
