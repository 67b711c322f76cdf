import { currencyMovement, heading } from '../testing/report-fixtures';
import { movementCsv, movementJson, movementTable, type MovementView } from './movement-output';
import type { CurrencyMovement } from '@crm/read-models';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

const eur = currencyMovement('EUR', {
  start: [[A, 100_000n], [B, 250_050n]],
  created: [[C, 75_000n]],
  increased: [[A, 20_000n]],
  won: [[B, 250_050n]],
  end: [[A, 120_000n], [C, 75_000n]],
});
const jpy = currencyMovement('JPY', { start: [[C, 5_000n]], lost: [[C, 5_000n]] });

const view = (currencies: CurrencyMovement[], overrides: Partial<MovementView> = {}): MovementView => ({
  ...heading(), from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z'), report: { currencies }, ...overrides,
});

describe('the movement report as a table', () => {
  it('lists every bucket per currency in waterfall order, amounts signed by which way they move the pipeline', () => {
    const lines = movementTable(view([jpy, eur])).trimEnd().split('\n');
    expect(lines[0]).toBe(`Pipeline movement from 2026-01-01T00:00:00.000Z to 2026-04-01T00:00:00.000Z, pipeline Sales (00000000-0000-4000-8000-000000000001)`);
    expect(lines.slice(1, 11)).toEqual([
      'currency  movement   count    amount',
      'EUR       start          2   3500.50',
      'EUR       created        1   +750.00',
      'EUR       pulledIn       0      0.00',
      'EUR       increased      1   +200.00',
      'EUR       decreased      0      0.00',
      'EUR       pushedOut      0      0.00',
      'EUR       won            1  -2500.50',
      'EUR       lost           0      0.00',
      'EUR       end            2   1950.00',
    ]);
    expect(lines.slice(11)).toEqual([
      'JPY       start          1      5000',
      'JPY       created        0         0',
      'JPY       pulledIn       0         0',
      'JPY       increased      0         0',
      'JPY       decreased      0         0',
      'JPY       pushedOut      0         0',
      'JPY       won            0         0',
      'JPY       lost           1     -5000',
      'JPY       end            0         0',
    ]);
  });

  it('names the filter in its title, and says so when nothing was in the pipeline', () => {
    const text = movementTable(view([], { ownerId: 'rep-7', currency: 'EUR', closeFrom: '2026-01', closeTo: '2026-06' }));
    expect(text).toBe(
      'Pipeline movement from 2026-01-01T00:00:00.000Z to 2026-04-01T00:00:00.000Z, pipeline Sales (00000000-0000-4000-8000-000000000001), ' +
        'owner rep-7, EUR only, closing from 2026-01, closing up to 2026-06\nNothing was in the pipeline at either instant.\n',
    );
  });
});

describe('the movement report as CSV', () => {
  it('writes one record per currency and bucket with the effect and the unsigned amount', () => {
    const records = movementCsv(view([eur])).split('\r\n');
    expect(records[0]).toBe('currency,movement,effect,count,amount');
    expect(records.slice(1, 4)).toEqual(['EUR,start,start,2,3500.50', 'EUR,created,add,1,750.00', 'EUR,pulledIn,add,0,0.00']);
    expect(records).toContain('EUR,won,subtract,1,2500.50');
    expect(records.slice(-2)).toEqual(['EUR,end,end,2,1950.00', '']);
  });

  it('is the header alone for an empty report', () => {
    expect(movementCsv(view([]))).toBe('currency,movement,effect,count,amount\r\n');
  });
});

describe('the movement report as JSON', () => {
  it('holds every bucket with its opportunities and their contributions in the currency\'s own decimals', () => {
    const json = JSON.parse(movementJson(view([eur, jpy], { ownerId: 'rep-7' })));
    expect(json).toMatchObject({
      from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z',
      pipeline: { id: '00000000-0000-4000-8000-000000000001', name: 'Sales' },
      filter: { ownerId: 'rep-7', currency: null, closeFrom: null, closeTo: null },
    });
    expect(json.currencies.map((c: { currency: string }) => c.currency)).toEqual(['EUR', 'JPY']);
    expect(Object.keys(json.currencies[0])).toEqual(['currency', 'start', 'created', 'pulledIn', 'increased', 'decreased', 'pushedOut', 'won', 'lost', 'end']);
    expect(json.currencies[0].start).toEqual({
      count: 2, amount: { amount: '3500.50', currency: 'EUR' },
      opportunities: [{ opportunityId: A, amount: '1000.00' }, { opportunityId: B, amount: '2500.50' }],
    });
    expect(json.currencies[1].lost.opportunities).toEqual([{ opportunityId: C, amount: '5000' }]);
  });

  it('prints the same bytes whatever order the answer came in', () => {
    const shuffled = (movement: CurrencyMovement): CurrencyMovement => {
      const entries = Object.entries(movement).reverse();
      return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? v : { ...v, entries: [...v.entries].reverse() }])) as unknown as CurrencyMovement;
    };
    expect(movementJson(view([jpy, eur].map(shuffled)))).toBe(movementJson(view([eur, jpy])));
  });
});
