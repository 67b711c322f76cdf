import fc from 'fast-check';
import { Money } from '@crm/domain';
import { amountKey, amountKeyOrNull } from './amount-key';

const SCALE = 10n ** 6n;
const LIMIT = 10n ** 18n * SCALE - 1n;

/** A value in millionths and a way of writing it: extra leading zeros, some of its trailing zeros. */
const written = fc
  .tuple(
    fc.oneof(fc.bigInt({ min: -LIMIT, max: LIMIT }), fc.bigInt({ min: -10_000_000n, max: 10_000_000n }), fc.constantFrom(0n, 1n, -1n, LIMIT, -LIMIT)),
    fc.nat(2),
    fc.nat(6),
  )
  .map(([millionths, zeros, dropped]) => {
    const negative = millionths < 0n;
    const abs = negative ? -millionths : millionths;
    const whole = `${'0'.repeat(zeros)}${abs / SCALE}`;
    let fraction = (abs % SCALE).toString().padStart(6, '0');
    while (dropped-- > 0 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
    return { millionths, text: `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}` };
  });

const sign = (n: bigint): number => (n < 0n ? -1 : n > 0n ? 1 : 0);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe('amount keys', () => {
  it('order as the decimals they encode, whatever their sign, size or spelling', () => {
    fc.assert(
      fc.property(written, written, (a, b) => {
        expect(compare(amountKey(a.text), amountKey(b.text))).toBe(sign(a.millionths - b.millionths));
      }),
      { numRuns: 3000 },
    );
  });

  it('are one fixed width, so text order never depends on length', () => {
    fc.assert(fc.property(written, ({ text }) => expect(amountKey(text)).toHaveLength(26)));
  });

  it('put 9.50 before 10.00 before 100.00, where text order of the amounts would not', () => {
    const keys = ['100.00', '9.50', '10.00', '10'].map(amountKey);
    expect([...keys].sort()).toEqual([amountKey('9.5'), amountKey('10'), amountKey('10.00'), amountKey('100')]);
    expect(amountKey('12500.00')).toBe('P000000000000012500.000000');
    expect(amountKey('-0.000001')).toBe('N999999999999999999.999998');
    expect(amountKey('-0.00')).toBe(amountKey('0'));
  });

  it('tell amounts apart beyond 2^53 minor units, where minor units as a number collide', () => {
    const near = ['90071992547409.93', '90071992547409.92', '1000000000000000.0000', '999999999999999.9999'];
    const minor = (amount: string, currency: string) => Number(Money.parse(amount, currency).amountMinor);
    expect(minor(near[0], 'EUR')).toBe(minor(near[1], 'EUR'));
    expect(compare(amountKey(near[0]), amountKey(near[1]))).toBe(1);
    expect(minor(near[2], 'CLF')).toBe(minor(near[3], 'CLF'));
    expect(compare(amountKey(near[2]), amountKey(near[3]))).toBe(1);
  });

  it('encode every amount Money writes, up to its largest', () => {
    for (const [amount, currency] of [['1000000000000000', 'JPY'], ['1000000000000000.0000', 'CLF'], ['0.125', 'BHD']]) {
      const money = Money.parse(amount, currency);
      expect(amountKey(Money.format(money))).toBe(amountKey(amount));
    }
  });

  it.each(['', '-', '1.', '.5', '1e3', '+1', ' 1', '1,5', '1000000000000000000', '0.0000001', 'NaN'])('refuse %j', (text) => {
    expect(amountKeyOrNull(text)).toBeNull();
    expect(() => amountKey(text)).toThrow(RangeError);
  });

  it('accept what only looks too long: leading zeros and trailing decimal zeros', () => {
    expect(amountKeyOrNull('000000000000000000001.5000000000')).toBe(amountKey('1.5'));
  });
});
