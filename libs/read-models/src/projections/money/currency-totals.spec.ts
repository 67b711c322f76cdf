import { Money } from '@crm/domain';
import { amountDoc } from './amount-doc';
import { shiftTotals } from './currency-totals';
import { moneyDoc, type MoneyDoc } from './money-doc';
import { addToTotals } from './reference-totals.fixtures';

/** Small deterministic generator, so a failure names a reproducible case. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const CURRENCIES = ['BHD', 'CHF', 'EUR', 'JPY'];
const SIZES = [1n, 10n ** 4n, 10n ** 9n, 10n ** 11n];

describe('currency totals', () => {
  it('match exact bigint sums, across the 2^53 boundary and back', () => {
    const random = numbers(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const minorUnits = new Map<MoneyDoc, bigint>();
    const anyAmount = (): MoneyDoc | null => {
      if (random() < 0.2) return null;
      const minor = BigInt(Math.floor(random() * 1e6)) * pick(SIZES) + BigInt(Math.floor(random() * 1000));
      const doc = moneyDoc({ amountMinor: minor, currency: pick(CURRENCIES) });
      minorUnits.set(doc, minor);
      return doc;
    };
    const exact = new Map<string, bigint>();
    const exactTotals = (): MoneyDoc[] =>
      [...exact]
        .filter(([, minor]) => minor !== 0n)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([currency, minor]) => moneyDoc({ amountMinor: minor, currency }));
    const count = (money: MoneyDoc, sign: bigint) =>
      exact.set(money.currency, (exact.get(money.currency) ?? 0n) + sign * (minorUnits.get(money) as bigint));
    let totals: MoneyDoc[] = [];
    const held: MoneyDoc[] = [];
    for (let step = 0; step < 5000; step++) {
      const out = held.length > 0 && random() < 0.5 ? held.splice(Math.floor(random() * held.length), 1)[0] : null;
      const into = anyAmount();
      if (into !== null) held.push(into);
      totals = shiftTotals(totals, out, into);
      if (out !== null) count(out, -1n);
      if (into !== null) count(into, 1n);
      expect(totals).toEqual(exactTotals());
    }
    expect(totals.some((total) => !Number.isSafeInteger(total.amountMinor))).toBe(true);
  });

  it('keeps the same totals as addToTotals within the range it parses', () => {
    const random = numbers(7);
    let totals: MoneyDoc[] = [];
    let reference: MoneyDoc[] = [];
    for (let step = 0; step < 2000; step++) {
      const money = { amountMinor: BigInt(Math.floor(random() * 2e6)), currency: CURRENCIES[step % CURRENCIES.length] };
      const sign = random() < 0.4 ? -1 : 1;
      totals = sign === 1 ? shiftTotals(totals, null, moneyDoc(money)) : shiftTotals(totals, moneyDoc(money), null);
      reference = addToTotals(reference, money, sign);
      expect(totals).toEqual(reference);
    }
  });

  it('returns the same array when nothing changes', () => {
    const totals = [moneyDoc(Money.parse('10.00', 'EUR'))];
    const same = moneyDoc(Money.parse('3.00', 'EUR'));
    expect(shiftTotals(totals, null, null)).toBe(totals);
    expect(shiftTotals(totals, same, same)).toBe(totals);
    expect(shiftTotals(totals, null, moneyDoc(Money.parse('0', 'USD')))).toBe(totals);
  });

  it('formats negative and sub-unit totals as Money does', () => {
    const cents = moneyDoc(Money.parse('0.05', 'EUR'));
    expect(shiftTotals([], cents, null)).toEqual([{ amount: '-0.05', currency: 'EUR', amountMinor: -5 }]);
    expect(shiftTotals([], null, amountDoc({ amount: '12500', currency: 'eur' }, null))).toEqual([
      { amount: '12500.00', currency: 'EUR', amountMinor: 1250000 },
    ]);
  });
});
