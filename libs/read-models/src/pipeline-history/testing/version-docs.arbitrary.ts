import fc from 'fast-check';
import { stagesOfKind, type OpportunityStatus, type PipelineDefinition } from '@crm/domain';
import { currencyUnit, formatMinor } from '../../projections/money/exact-amount';
import { PIPELINES } from '../../projections/testing/pipeline-events.fixtures';
import type { OpportunityVersionDoc } from '../timeline.types';

const DAY = 86_400_000;
/** Opportunities open within 240 days from here; changes follow within 0..60 days (the same instant too). */
export const DOCS_START = Date.parse('2026-01-01T00:00:00.000Z');
export const DOCS_END = DOCS_START + 400 * DAY;

export const DOC_OWNERS = ['rep-1', 'rep-2', 'rep-3'] as const;
/** JPY and BHD for their minor units (0 and 3 digits). */
export const DOC_CURRENCIES = ['EUR', 'USD', 'JPY', 'BHD'] as const;
/**
 * Large enough that sums pass 2^53 minor units (and BHD amounts, with their three digits, each
 * one), small enough that forty stay within what `Money` reads.
 */
const MAX_MINOR: Record<string, bigint> = { EUR: 2n * 10n ** 15n, USD: 2n * 10n ** 15n, JPY: 2n * 10n ** 13n, BHD: 2n * 10n ** 16n };

const pick = fc.nat({ max: 1_000 });
/** Everyday amounts, and huge ones whose sums pass 2^53 minor units. */
const size = fc.oneof(fc.bigInt({ min: 0n, max: 1_000_000n }), fc.bigInt({ min: 0n, max: 10n ** 18n }));
const nth = <T>(items: readonly T[], index: number): T => items[index % items.length];
const keys = (pipeline: PipelineDefinition, kind: 'OPEN' | 'WON' | 'LOST') => stagesOfKind(pipeline, kind).map((stage) => stage.key);
const closeDate = (day: number) => new Date(DOCS_START + (day % 456) * DAY).toISOString().slice(0, 10);

type Fields = { pipeline: PipelineDefinition; ownerId: string; stage: string; status: OpportunityStatus; currency: string; minor: bigint; close: string };

const change = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('stage' as const), stage: pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('amount' as const), size, currency: fc.option(pick, { freq: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('close' as const), day: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('owner' as const), owner: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('win' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lose' as const), stage: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reopen' as const), stage: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), pipeline: pick, stage: pick }) },
);
type Change = typeof change extends fc.Arbitrary<infer C> ? C : never;

const minorOf = (size: bigint, currency: string) => size % (MAX_MINOR[currency] + 1n);

/** The fields after a change; a change the state does not allow (moving a closed deal...) changes nothing. */
function applied(fields: Fields, c: Change): Fields {
  const open = fields.status === 'OPEN';
  switch (c.kind) {
    case 'stage':
      return open ? { ...fields, stage: nth(keys(fields.pipeline, 'OPEN'), c.stage) } : fields;
    case 'amount': {
      const currency = c.currency === null ? fields.currency : nth(DOC_CURRENCIES, c.currency);
      return { ...fields, currency, minor: minorOf(c.size, currency) };
    }
    case 'close':
      return { ...fields, close: closeDate(c.day) };
    case 'owner':
      return { ...fields, ownerId: nth(DOC_OWNERS, c.owner) };
    case 'win':
      return open ? { ...fields, status: 'WON', stage: keys(fields.pipeline, 'WON')[0] } : fields;
    case 'lose':
      return open ? { ...fields, status: 'LOST', stage: nth(keys(fields.pipeline, 'LOST'), c.stage) } : fields;
    case 'reopen':
      return open ? fields : { ...fields, status: 'OPEN', stage: nth(keys(fields.pipeline, 'OPEN'), c.stage) };
    case 'move': {
      const pipeline = nth(PIPELINES, c.pipeline);
      return open ? { ...fields, pipeline, stage: nth(keys(pipeline, 'OPEN'), c.stage) } : fields;
    }
  }
}

/** Most opportunities in the default pipeline, the one most queries read. */
const opening = fc.record({ day: fc.nat({ max: 240 }), pipeline: fc.constantFrom(0, 0, 0, 1, 2), owner: pick, currency: pick, size, close: pick, stage: pick, wonAtOnce: fc.boolean() });
const step = fc.record({ afterDays: fc.oneof(fc.constant(0), fc.nat({ max: 60 }), fc.double({ min: 0, max: 60, noNaN: true })), change });

function docsOf(index: number, o: typeof opening extends fc.Arbitrary<infer O> ? O : never, steps: { afterDays: number; change: Change }[]): OpportunityVersionDoc[] {
  const opportunityId = `opp-${String(index).padStart(3, '0')}`;
  const pipeline = nth(PIPELINES, o.pipeline);
  const currency = nth(DOC_CURRENCIES, o.currency);
  const stage = o.wonAtOnce && o.stage % 7 === 0 ? keys(pipeline, 'WON')[0] : nth(keys(pipeline, 'OPEN'), o.stage);
  let fields: Fields = { pipeline, ownerId: nth(DOC_OWNERS, o.owner), stage, status: stage === keys(pipeline, 'WON')[0] ? 'WON' : 'OPEN', currency, minor: minorOf(o.size, currency), close: closeDate(o.close) };
  let at = DOCS_START + o.day * DAY;
  const openedAt = new Date(at).toISOString();
  const docs: OpportunityVersionDoc[] = [];
  const write = () => {
    const seq = docs.length;
    const amount = { amount: formatMinor(fields.minor, currencyUnit(fields.currency).digits), currency: fields.currency, amountMinor: Number(fields.minor) };
    docs.push({ id: `${opportunityId}:${seq}`, opportunityId, seq, at: new Date(at).toISOString(), openedAt, pipelineId: fields.pipeline.pipelineId, ownerId: fields.ownerId, stage: fields.stage, status: fields.status, amount, expectedCloseDate: fields.close });
  };
  write();
  for (const s of steps) {
    const next = applied(fields, s.change);
    if (next === fields) continue;
    fields = next;
    at += Math.round(s.afterDays * DAY);
    write();
  }
  return docs;
}

/**
 * Version documents of up to `max` opportunities in the three test pipelines, written directly (not
 * through the projection): opened over a year, then changed in stage, amount (in other currencies
 * too, up to past 2^53 minor units), close date, owner and pipeline, won, lost and reopened, with
 * changes days apart or at the same instant. Statuses and stage kinds agree, as the domain keeps them.
 */
export const versionDocsArbitrary = (max = 40): fc.Arbitrary<OpportunityVersionDoc[]> =>
  fc
    .array(fc.tuple(opening, fc.array(step, { maxLength: 10, size: 'max' })), { maxLength: max, size: 'max' })
    .map((opportunities) => opportunities.flatMap(([o, steps], index) => docsOf(index, o, steps)));

/** An instant in the documents' span and a little around it; often a midnight, the instant many versions start at. */
export const docsInstantArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc.noBias(fc.integer({ min: DOCS_START - 5 * DAY, max: DOCS_END })),
  fc.noBias(fc.integer({ min: -5, max: 400 })).map((day) => DOCS_START + day * DAY),
);

/** A window [from, to] of up to five months, as reports read quarters and months. */
export const docsWindowArbitrary: fc.Arbitrary<[number, number]> = fc
  .tuple(docsInstantArbitrary, fc.oneof(fc.constant(0), fc.noBias(fc.nat({ max: 150 })).map((days) => days * DAY), fc.noBias(fc.nat({ max: 150 * DAY }))))
  .map(([from, length]) => [from, from + length]);

/** Mostly null: a filter narrows the pipeline, and most runs should hold many opportunities. */
const sometimes = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });

/** A query over the test pipelines, owners and currencies, with close ranges of any months. */
export const queryArbitrary = fc.record({
  pipelineId: sometimes(fc.constantFrom(...PIPELINES.map((pipeline) => pipeline.pipelineId))),
  ownerId: sometimes(fc.constantFrom(...DOC_OWNERS)),
  currency: sometimes(fc.constantFrom(...DOC_CURRENCIES)),
  closeDateFrom: sometimes(fc.nat({ max: 455 }).map(closeDate)),
  closeDateTo: sometimes(fc.nat({ max: 455 }).map(closeDate)),
});
