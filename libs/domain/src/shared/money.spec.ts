import fc from 'fast-check';
import { Money } from './money';

const eur = (amount: string) => Money.parse(amount, 'EUR');

describe('Money.parse', () => {
  it.each([
    ['12500', 'EUR', 1250000n, '12500.00'],
    ['12500.5', 'EUR', 1250050n, '12500.50'],
    [' 0.01 ', 'eur', 1n, '0.01'],
    ['0', 'EUR', 0n, '0.00'],
    ['12.500', 'EUR', 1250n, '12.50'],
    ['2000000', 'JPY', 2000000n, '2000000'],
    ['100.0', 'JPY', 100n, '100'],
    ['1.5', 'BHD', 1500n, '1.500'],
    ['0.123', 'BHD', 123n, '0.123'],
    ['1000000000000000', 'EUR', 100000000000000000n, '1000000000000000.00'],
  ])('parses %s %s exactly', (amount, currency, minor, formatted) => {
    const money = Money.parse(amount, currency);
    expect(money.amountMinor).toBe(minor);
    expect(Money.format(money)).toBe(formatted);
  });

  it.each(['12.345', '-1', '1e3', '1E3', '', ' ', 'abc', '1,5', '.5', '5.', '+5', '0x10', 'NaN', 'Infinity', '1 000', '1000000000000000.01'])(
    'rejects amount %p',
    (amount) => {
      expect(() => eur(amount)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'amount' })] }));
    },
  );

  it('rejects one decimal for JPY', () => {
    expect(() => Money.parse('1.5', 'JPY')).toThrow('at most 0 decimals');
  });

  it.each(['EURO', 'XXX', 'XAU', 'ABC', '', 'eu'])('rejects currency %p', (currency) => {
    expect(() => Money.parse('1', currency)).toThrow(expect.objectContaining({ fields: [expect.objectContaining({ field: 'currency' })] }));
  });

  it('rejects non-strings', () => {
    expect(() => Money.parse(12.5 as unknown as string, 'EUR')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('names the fields it was told', () => {
    expect(() => Money.parse('x', 'EUR', 'opportunity.amount')).toThrow('opportunity.amount');
  });
});

describe('Money arithmetic', () => {
  it('adds exactly where floats do not', () => {
    expect(Money.format(Money.add(eur('0.1'), eur('0.2')))).toBe('0.30');
  });

  it('refuses to add different currencies', () => {
    expect(() => Money.add(eur('1'), Money.parse('1', 'USD'))).toThrow(expect.objectContaining({ reason: 'CURRENCY_MISMATCH' }));
  });

  it.each([
    ['12500.00', 50, '6250.00'],
    ['0.05', 10, '0.01'],
    ['0.04', 10, '0.00'],
    ['0.15', 10, '0.02'],
    ['999.99', 100, '999.99'],
    ['999.99', 0, '0.00'],
  ])('weights %s by %i%% rounding half up to %s', (amount, percent, expected) => {
    expect(Money.format(Money.multiplyByPercent(eur(amount), percent))).toBe(expected);
  });

  it('rejects a fractional percentage', () => {
    expect(() => Money.multiplyByPercent(eur('1'), 12.5)).toThrow(RangeError);
  });

  it('sums per currency without converting', () => {
    const totals = Money.sumByCurrency([eur('1.10'), Money.parse('5', 'JPY'), eur('2.20')]);
    expect(totals.map(Money.toJson)).toEqual([
      { amount: '3.30', currency: 'EUR' },
      { amount: '5', currency: 'JPY' },
    ]);
  });

  it('round-trips the JSON form, also for negative results', () => {
    const negative = Money.subtract(eur('1'), eur('2.50'));
    expect(Money.toJson(negative)).toEqual({ amount: '-1.50', currency: 'EUR' });
    expect(Money.fromJson(Money.toJson(negative))).toEqual(negative);
  });
});

describe('Money properties', () => {
  const currency = fc.constantFrom('EUR', 'JPY', 'BHD', 'USD', 'CLF');
  const minor = fc.bigInt({ min: 0n, max: 10n ** 15n });

  it('format then parse returns the same money', () => {
    fc.assert(
      fc.property(minor, currency, (amountMinor, code) => {
        const money = Money.ofMinor(amountMinor, code);
        expect(Money.parse(Money.format(money), code)).toEqual(money);
        expect(Money.fromJson(Money.toJson(money))).toEqual(money);
      }),
    );
  });

  it('sums are exact and order-independent', () => {
    fc.assert(
      fc.property(fc.array(minor, { maxLength: 30 }), (amounts) => {
        const items = amounts.map((m) => Money.ofMinor(m, 'EUR'));
        const total = items.reduce(Money.add, Money.zero('EUR'));
        expect(total.amountMinor).toBe(amounts.reduce((a, b) => a + b, 0n));
        expect(Money.sumByCurrency([...items].reverse())).toEqual(items.length ? [total] : []);
      }),
    );
  });

  it('weighted amounts stay within half a minor unit of the exact value', () => {
    fc.assert(
      fc.property(minor, fc.integer({ min: 0, max: 100 }), (amountMinor, percent) => {
        const weighted = Money.multiplyByPercent(Money.ofMinor(amountMinor, 'EUR'), percent).amountMinor;
        const diffTimes100 = weighted * 100n - amountMinor * BigInt(percent);
        expect(diffTimes100 > -50n && diffTimes100 <= 50n).toBe(true);
      }),
    );
  });
});
