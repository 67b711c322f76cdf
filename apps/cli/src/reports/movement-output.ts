import { Money } from '@crm/domain';
import { MOVEMENT_BUCKETS, type CurrencyMovement, type MovementBucket, type MovementBucketName, type MovementReport } from '@crm/read-models';
import { csvDocument } from './csv-records';
import { byText, describeScope, filterJson, type ReportHeading } from './report-heading';
import { renderTable } from './text-table';

export interface MovementView extends ReportHeading {
  from: Date;
  to: Date;
  report: MovementReport;
}

/**
 * How each bucket moves the pipeline from start to end: amounts are never negative, so the sign says
 * which way (start + created + pulledIn + increased - decreased - pushedOut - won - lost = end).
 */
export const BUCKET_EFFECT: { readonly [B in MovementBucketName]: 'start' | 'add' | 'subtract' | 'end' } = {
  start: 'start', created: 'add', pulledIn: 'add', increased: 'add', decreased: 'subtract',
  pushedOut: 'subtract', won: 'subtract', lost: 'subtract', end: 'end',
};

const SIGN = { start: '', add: '+', subtract: '-', end: '' } as const;

/** Currencies by code: the answer's order is not something a diff of two runs should depend on. */
const byCurrency = (report: MovementReport): CurrencyMovement[] => [...report.currencies].sort((a, b) => byText(a.currency, b.currency));

const signed = (bucket: MovementBucketName, amount: string): string => (/^0(\.0*)?$/.test(amount) ? amount : `${SIGN[BUCKET_EFFECT[bucket]]}${amount}`);

export const movementTable = (view: MovementView): string => {
  const title = `Pipeline movement from ${view.from.toISOString()} to ${view.to.toISOString()}, ${describeScope(view)}`;
  const currencies = byCurrency(view.report);
  if (currencies.length === 0) return `${title}\nNothing was in the pipeline at either instant.\n`;
  const rows = currencies.flatMap((movement) =>
    MOVEMENT_BUCKETS.map((name) => [movement.currency, name, String(movement[name].count), signed(name, movement[name].amount.amount)]));
  const columns = [
    { header: 'currency', align: 'left' },
    { header: 'movement', align: 'left' },
    { header: 'count', align: 'right' },
    { header: 'amount', align: 'right' },
  ] as const;
  return [title, ...renderTable(columns, rows)].map((line) => `${line}\n`).join('');
};

export const MOVEMENT_CSV_COLUMNS = ['currency', 'movement', 'effect', 'count', 'amount'] as const;

/** One record per currency and bucket; `amount` as stored (never negative), `effect` says which way it counts. */
export const movementCsv = (view: MovementView): string =>
  csvDocument(
    MOVEMENT_CSV_COLUMNS,
    byCurrency(view.report).flatMap((movement) =>
      MOVEMENT_BUCKETS.map((name) => [movement.currency, name, BUCKET_EFFECT[name], String(movement[name].count), movement[name].amount.amount])),
  );

const bucketJson = (currency: string, bucket: MovementBucket) => ({
  count: bucket.count,
  amount: { amount: bucket.amount.amount, currency },
  opportunities: [...bucket.entries]
    .sort((a, b) => byText(a.opportunityId, b.opportunityId))
    .map((entry) => ({ opportunityId: entry.opportunityId, amount: Money.format(Money.ofMinor(entry.amountMinor, currency)) })),
});

const currencyJson = (movement: CurrencyMovement) => {
  const buckets = Object.fromEntries(MOVEMENT_BUCKETS.map((name) => [name, bucketJson(movement.currency, movement[name])]));
  return { currency: movement.currency, ...buckets };
};

/**
 * The whole report with every opportunity's contribution, keys and lists always in the same order, so
 * two runs over the same log print the same bytes.
 */
export const movementJson = (view: MovementView): string =>
  `${JSON.stringify(
    {
      from: view.from.toISOString(),
      to: view.to.toISOString(),
      pipeline: { id: view.pipeline.id, name: view.pipeline.name },
      filter: filterJson(view),
      currencies: byCurrency(view.report).map(currencyJson),
    },
    null,
    2,
  )}\n`;
