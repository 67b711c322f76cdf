import fc from 'fast-check';
import { Money, type MoneyJson } from '@crm/domain';
import { amountDoc, percentOfDoc } from './amount-doc';
import { moneyDoc, type MoneyDoc } from './money-doc';

/** What `read` returns, or the message of what it throws. */
function outcome<T>(read: () => T): T | string {
  try {
    return read();
  } catch (error) {
    return String(error);
  }
}

describe('amount documents', () => {
  it('reuses a known amount and rejects what Money rejects', () => {
    const known = moneyDoc(Money.parse('12.50', 'EUR'));
    expect(amountDoc({ amount: '12.50', currency: 'EUR' }, known)).toBe(known);
    expect(() => amountDoc({ amount: '1.234', currency: 'EUR' }, known)).toThrow(/at most 2 decimals/);
  });

  it.each([
    ['12500.00', 'EUR'],
    ['0.05', 'EUR'],
    ['0', 'JPY'],
    ['1500', 'JPY'],
    ['0.125', 'BHD'],
    ['1.0000', 'CLF'],
    ['12500', 'EUR'],
    ['12500.5', 'EUR'],
    ['012.00', 'EUR'],
    [' 12.00', 'EUR'],
    ['12.00', 'eur'],
    ['-12.00', 'EUR'],
    ['1000000000000000', 'JPY'],
    ['1000000000000001', 'JPY'],
    ['9007199254740993', 'JPY'],
    ['1000000000000000.00', 'EUR'],
    ['90071992547409.93', 'EUR'],
    ['1e3', 'EUR'],
    ['12.00', 'XXX'],
    ['12.00', 'ZZZ'],
  ])('reads %j %s exactly as Money does', (amount, currency) => {
    const viaMoney = (): MoneyDoc => moneyDoc(Money.fromJson({ amount, currency }));
    let expected: MoneyDoc | Error;
    try {
      expected = viaMoney();
    } catch (error) {
      expected = error as Error;
    }
    if (expected instanceof Error) expect(() => amountDoc({ amount, currency }, null)).toThrow(expected.message);
    else expect(amountDoc({ amount, currency }, null)).toEqual(expected);
  });

  it.each([
    [12, 'JPY'],
    [12, 'EUR'],
    [null, 'EUR'],
    [12, 'ZZZ'],
    [undefined, undefined],
  ])('fails on the untyped amount %j %s as Money does', (amount, currency) => {
    const json = { amount, currency } as unknown as MoneyJson;
    expect(outcome(() => amountDoc(json, null))).toEqual(outcome(() => moneyDoc(Money.fromJson(json))));
  });

  it.each([
    ['EUR', 9007199254740949n, 1],
  ])('weighs %s %s minor units at %s %% as Money does, where adding the rounding half passes 2^53', (currency, amountMinor, percent) => {
    const stored = moneyDoc({ amountMinor, currency });
    expect(percentOfDoc(stored, percent)).toEqual(moneyDoc(Money.multiplyByPercent({ amountMinor, currency }, percent)));
  });

  it('weighs a stored amount as Money does, on either side of 2^53', () => {
    const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
    const minor = fc.oneof(fc.bigInt({ min: 0n, max: 10_000n }), fc.bigInt({ min: SAFE - 1_000n, max: SAFE + 1_000n }), fc.bigInt({ min: 0n, max: 10n ** 17n }));
    const percent = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(12.5));
    fc.assert(
      fc.property(fc.constantFrom('EUR', 'JPY', 'BHD'), minor, percent, (currency, amountMinor, p) => {
        const stored = moneyDoc({ amountMinor, currency });
        expect(outcome(() => percentOfDoc(stored, p))).toEqual(outcome(() => moneyDoc(Money.multiplyByPercent({ amountMinor, currency }, p))));
      }),
    );
  });
});
