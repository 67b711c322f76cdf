import { RENEWALS } from '../projections/testing/pipeline-events.fixtures';
import { MOVEMENT_BUCKETS, type MovementReport } from './movement.types';
import { pipelineMovement } from './pipeline-movement';
import { lost, ms, opportunity, reopened, timelinesOf, won } from './testing/version-docs.fixtures';

/** Each bucket as "count amount", per currency: what a reader of the report sees. */
const buckets = (report: MovementReport) =>
  Object.fromEntries(
    report.currencies.map((movement) => [
      movement.currency,
      Object.fromEntries(MOVEMENT_BUCKETS.map((name) => [name, `${movement[name].count} ${movement[name].amount.amount}`])),
    ]),
  );

const ids = (report: MovementReport, currency: string, bucket: (typeof MOVEMENT_BUCKETS)[number]) =>
  report.currencies.find((movement) => movement.currency === currency)![bucket].entries.map((entry) => `${entry.opportunityId} ${entry.amountMinor}`);

const from = ms('2026-03-01');
const to = ms('2026-04-01');

const march = timelinesOf(
  opportunity('a-steady', '2026-01-10', { amount: '100.00' }),
  opportunity('b-grown', '2026-01-10', { amount: '200.00' }, ['2026-03-10', { amount: '250.00' }]),
  opportunity('c-shrunk', '2026-01-10', { amount: '300.00' }, ['2026-03-10', { amount: '120.00' }]),
  opportunity('d-new', '2026-03-05', { amount: '400.00' }),
  opportunity('e-won', '2026-01-10', { amount: '500.00' }, ['2026-03-20', won()]),
  opportunity('f-lost', '2026-01-10', { amount: '600.00' }, ['2026-03-20', lost()]),
  opportunity('g-back', '2026-01-10', { amount: '700.00' }, ['2026-02-01', lost()], ['2026-03-15', reopened()]),
  opportunity('h-flash', '2026-03-10', { amount: '800.00' }, ['2026-03-15', won()]),
  opportunity('i-elsewhere', '2026-01-10', { amount: '900.00', pipelineId: RENEWALS.pipelineId, stage: 'DUE' }),
  opportunity('j-moved', '2026-01-10', { amount: '1000.00' }, ['2026-03-10', { pipelineId: RENEWALS.pipelineId, stage: 'DUE' }]),
  opportunity('k-dollar', '2026-01-10', { amount: '50.00', currency: 'USD' }),
  opportunity('l-switched', '2026-01-10', { amount: '90.00' }, ['2026-03-10', { currency: 'USD' }]),
  opportunity('m-later', '2026-04-10', { amount: '5.00' }),
  opportunity('n-round-trip', '2026-01-10', { amount: '110.00' }, ['2026-03-10', won()], ['2026-03-15', reopened('NEGOTIATION')]),
);

describe('pipelineMovement', () => {
  it('puts every opportunity of a month in the bucket its change between the two instants calls for', () => {
    expect(buckets(pipelineMovement(march, from, to, {}))).toEqual({
      EUR: {
        start: '8 2900.00',
        created: '1 400.00',
        pulledIn: '1 700.00',
        increased: '1 50.00',
        decreased: '1 180.00',
        pushedOut: '2 1090.00',
        won: '1 500.00',
        lost: '1 600.00',
        end: '6 1680.00',
      },
      USD: {
        start: '1 50.00',
        created: '0 0.00',
        pulledIn: '1 90.00',
        increased: '0 0.00',
        decreased: '0 0.00',
        pushedOut: '0 0.00',
        won: '0 0.00',
        lost: '0 0.00',
        end: '2 140.00',
      },
    });
  });

  it('lists each bucket\'s opportunities by id with their contribution in minor units', () => {
    const report = pipelineMovement(march, from, to, {});
    expect(ids(report, 'EUR', 'pushedOut')).toEqual(['j-moved 100000', 'l-switched 9000']);
    expect(ids(report, 'EUR', 'decreased')).toEqual(['c-shrunk 18000']);
    expect(ids(report, 'EUR', 'end')).toEqual(['a-steady 10000', 'b-grown 25000', 'c-shrunk 12000', 'd-new 40000', 'g-back 70000', 'n-round-trip 11000']);
  });

  it('sorts the entries by id whatever order the timelines come in', () => {
    const reversed = timelinesOf(opportunity('z', '2026-01-10', {}), opportunity('m', '2026-03-10', {}), opportunity('a', '2026-01-10', {}));
    const report = pipelineMovement(reversed, from, to, {});
    expect(ids(report, 'EUR', 'end')).toEqual(['a 10000', 'm 10000', 'z 10000']);
    expect(ids(report, 'EUR', 'start')).toEqual(['a 10000', 'z 10000']);
  });

  it('closes by the status at `to`, whatever happened after', () => {
    const later = timelinesOf(
      opportunity('w-won-then-reopened', '2026-01-10', {}, ['2026-03-20', won()], ['2026-04-10', reopened()]),
      opportunity('x-moved-then-won', '2026-01-10', { amount: '300.00' }, ['2026-03-20', { pipelineId: RENEWALS.pipelineId, stage: 'DUE' }], ['2026-04-10', won('RENEWED')]),
    );
    expect(buckets(pipelineMovement(later, from, to, {})).EUR).toMatchObject({ start: '2 400.00', won: '1 100.00', pushedOut: '1 300.00', end: '0 0.00' });
  });

  it('reads close dates by whole month: pulled into the range, pushed out of it', () => {
    const dates = timelinesOf(
      opportunity('p', '2026-01-10', { amount: '10.00', close: '2026-09-15' }, ['2026-03-10', { close: '2026-05-15' }]),
      opportunity('q', '2026-01-10', { amount: '20.00', close: '2026-05-20' }, ['2026-03-10', { close: '2026-08-01' }]),
      opportunity('r', '2026-03-05', { amount: '30.00', close: '2026-07-01' }),
      opportunity('s', '2026-01-10', { amount: '40.00', close: '2026-06-30' }),
    );
    const report = buckets(pipelineMovement(dates, from, to, { closeDateTo: '2026-06-10' }));
    expect(report.EUR).toMatchObject({ start: '2 60.00', pulledIn: '1 10.00', pushedOut: '1 20.00', created: '0 0.00', end: '2 50.00' });
    const june = buckets(pipelineMovement(dates, from, to, { closeDateFrom: '2026-06-20', closeDateTo: '2026-06-25' }));
    expect(june.EUR).toMatchObject({ start: '1 40.00', end: '1 40.00' });
  });

  it('follows one owner: a reassignment pushes out of one owner\'s pipeline and pulls into the other\'s', () => {
    const reassigned = timelinesOf(opportunity('t', '2026-01-10', {}, ['2026-03-10', { ownerId: 'rep-2' }]));
    expect(buckets(pipelineMovement(reassigned, from, to, { ownerId: 'rep-1' })).EUR).toMatchObject({ start: '1 100.00', pushedOut: '1 100.00', end: '0 0.00' });
    expect(buckets(pipelineMovement(reassigned, from, to, { ownerId: 'rep-2' })).EUR).toMatchObject({ start: '0 0.00', pulledIn: '1 100.00', end: '1 100.00' });
  });

  it('reports only the currency asked for', () => {
    expect(pipelineMovement(march, from, to, { currency: 'USD' }).currencies.map((movement) => movement.currency)).toEqual(['USD']);
  });

  it('writes amounts in each currency\'s own minor unit', () => {
    const odd = timelinesOf(
      opportunity('yen', '2026-01-10', { amount: '12500', currency: 'JPY' }, ['2026-03-10', { amount: '13000' }]),
      opportunity('dinar', '2026-01-10', { amount: '1.500', currency: 'BHD' }, ['2026-03-10', { amount: '1.250' }]),
    );
    const report = buckets(pipelineMovement(odd, from, to, {}));
    expect(report.JPY).toMatchObject({ start: '1 12500', increased: '1 500', end: '1 13000' });
    expect(report.BHD).toMatchObject({ start: '1 1.500', decreased: '1 0.250', end: '1 1.250' });
  });

  it('counts an opportunity opened exactly at `from` as there already', () => {
    const atFrom = timelinesOf(opportunity('u', '2026-03-01', {}));
    expect(buckets(pipelineMovement(atFrom, from, to, {})).EUR).toMatchObject({ start: '1 100.00', created: '0 0.00', end: '1 100.00' });
    const outThenIn = timelinesOf(opportunity('v', '2026-03-01', { close: '2026-12-01' }, ['2026-03-10', { close: '2026-05-01' }]));
    expect(buckets(pipelineMovement(outThenIn, from, to, { closeDateTo: '2026-06-30' })).EUR).toMatchObject({ created: '0 0.00', pulledIn: '1 100.00' });
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => pipelineMovement(march, to, from, {})).toThrow(RangeError);
  });
});
