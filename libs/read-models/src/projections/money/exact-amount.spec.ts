import fc from 'fast-check';
import { Money } from '@crm/domain';
import { currencyUnit, exactAmountOf, percentOfAmount, shiftedAmount, type ExactAmount } from './exact-amount';

const CURRENCIES = ['EUR', 'JPY', 'BHD'] as const;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Minor units around the safe-integer limit as often as well inside it. */
const minor = fc.oneof(
  fc.bigInt({ min: -10_000n, max: 10_000n }),
  fc.bigInt({ min: -SAFE, max: SAFE }),
  fc.bigInt({ min: SAFE - 1_000n, max: SAFE + 1_000n }),
  fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }),
);

const exact = (amountMinor: bigint, currency: string): ExactAmount => ({
  amount: Money.format({ amountMinor, currency }),
  amountMinor: Number(amountMinor),
});

describe('exact amounts', () => {
  it('add and subtract as Money does, on either side of 2^53', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), minor, fc.option(minor), fc.option(minor), (currency, total, add, remove) => {
        const unit = currencyUnit(currency);
        const shifted = shiftedAmount(
          exact(total, currency),
          add === null ? null : exact(add, currency),
          remove === null ? null : exact(remove, currency),
          unit,
        );
        expect(shifted).toEqual(exact(total + (add ?? 0n) - (remove ?? 0n), currency));
      }),
    );
  });

  it('weigh by a percentage as Money does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), minor, fc.integer({ min: 0, max: 100 }), (currency, amount, percent) => {
        const weighted = percentOfAmount(exact(amount, currency), percent, currencyUnit(currency));
        expect(weighted).toEqual(exact(Money.multiplyByPercent({ amountMinor: amount, currency }, percent).amountMinor, currency));
      }),
    );
  });

  it('read event money as Money.fromJson does, valid or not', () => {
    const written = fc.stringMatching(/^-?[0-9]{0,19}(\.[0-9]{0,4})?$/);
    const near = (limit: bigint) => fc.bigInt({ min: limit - 10n, max: limit + 10n });
    // As Money writes them, around the largest amount it accepts (10^15 units) and 2^53 minor units.
    const formatted = fc
      .tuple(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 19n }), near(10n ** 15n), near(SAFE), near(10n ** 17n), near(10n ** 18n)), fc.nat(3))
      .map(([amountMinor, digits]) => Money.format({ amountMinor, currency: ['JPY', 'EUR', 'EUR', 'BHD'][digits] }));
    const digits = fc.oneof(written, formatted);
    const currency = fc.constantFrom('EUR', 'eur', 'JPY', ' JPY', 'BHD', 'XAU', 'EURO');
    const outcome = (read: () => { currency: string; amount: ExactAmount }) => {
      try {
        return read();
      } catch (error) {
        return String(error);
      }
    };
    fc.assert(
      fc.property(digits, currency, (amount, code) => {
        const json = { amount, currency: code };
        const ours = outcome(() => {
          const { unit, value } = exactAmountOf(json);
          return { currency: unit.currency, amount: value };
        });
        const money = outcome(() => {
          const parsed = Money.fromJson(json);
          return { currency: parsed.currency, amount: exact(parsed.amountMinor, parsed.currency) };
        });
        expect(ours).toEqual(money);
      }),
      { numRuns: 2000 },
    );
  });
});
