import fc from 'fast-check';
import { Money } from '@crm/domain';
import type { Doc, Filter, ReadStore, SortDirection, SortKey } from '../../store/read-store.port';
import { opened } from '../testing/domain-events.fixtures';
import { EventLog, idOf } from '../testing/event-log.fixtures';
import { describeOnEveryReadStore } from '../testing/on-every-read-store';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { amountKey } from '../money';
import { OPPORTUNITIES, opportunitiesProjection } from './opportunities.projection';
import type { OpportunityDoc } from './opportunity-doc';

/** Currencies of two and three decimals: every amount below stays within the 10^15 units Money takes. */
const CURRENCIES = ['BHD', 'EUR', 'USD'] as const;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Amounts in minor units: small, around 2^53 (where numbers collide) and up to the largest Money takes. */
const minor = fc.oneof(fc.bigInt({ min: 0n, max: 20_000n }), fc.bigInt({ min: SAFE - 2n, max: SAFE + 6n }), fc.bigInt({ min: 0n, max: 10n ** 17n }));
const deals = fc.array(fc.tuple(fc.constantFrom(...CURRENCIES), minor), { minLength: 1, maxLength: 40 });

/** The opportunities projection's documents for deals of these amounts. */
const projected = async (amounts: ReadonlyArray<readonly [string, bigint]>): Promise<OpportunityDoc[]> => {
  const events = amounts.map(([currency, amountMinor], i) =>
    opened({ opportunityId: idOf('OPPORTUNITY', i + 1), amount: Money.toJson({ amountMinor, currency }) }),
  );
  const kit = await new ProjectionTestKit(opportunitiesProjection).run(new EventLog().recordAll(events));
  return kit.docs<OpportunityDoc>(OPPORTUNITIES);
};

/** Currency, then the exact amount, then id: the order the API promises, computed with bigints. */
const reference = (docs: readonly OpportunityDoc[], direction: SortDirection): string[] => {
  const exact = (doc: OpportunityDoc): bigint => Money.fromJson(doc.amount).amountMinor;
  const sorted = [...docs].sort((a, b) => {
    if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
    if (exact(a) !== exact(b)) return exact(a) < exact(b) ? -1 : 1;
    return a.id < b.id ? -1 : 1;
  });
  return (direction === 'asc' ? sorted : sorted.reverse()).map((doc) => doc.id);
};

const walk = async (store: ReadStore, collection: string, sort: SortKey[], filter: Filter): Promise<string[]> => {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<ReadStore['find']>> = await store.find<Doc>(collection, { sort, filter, first: 3, after });
    ids.push(...page.items.map((doc) => doc.id));
    after = page.hasNextPage ? page.endCursor : null;
  } while (after !== null);
  return ids;
};

/** Opportunity amounts on a real store: sorted within a currency and range-filtered exactly, paged by cursor. */
const describeAmountOrder = (name: string, open: () => Promise<ReadStore>): void => {
  describe(`opportunity amounts on ${name}`, () => {
    let run = 0;

    it('sort by currency then exact amount in both directions, page by page, and filter ranges exactly', async () => {
      await fc.assert(
        fc.asyncProperty(deals, fc.constantFrom<SortDirection>('asc', 'desc'), minor, minor, async (amounts, direction, a, b) => {
          const store = await open();
          const collection = `opportunities_${run++}`;
          try {
            await store.ensureCollection(collection, [...opportunitiesProjection.collections[OPPORTUNITIES]]);
            const docs = await projected(amounts);
            await store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection, doc })));
            const sort: SortKey[] = [{ field: 'currency', direction }, { field: 'amountKey', direction }];
            expect(await walk(store, collection, sort, {})).toEqual(reference(docs, direction));
            const [low, high] = a < b ? [a, b] : [b, a];
            const bounds = { $gte: amountKey(Money.format({ amountMinor: low, currency: 'EUR' })), $lte: amountKey(Money.format({ amountMinor: high, currency: 'EUR' })) };
            const inRange = docs.filter((doc) => doc.currency === 'EUR' && low <= Money.fromJson(doc.amount).amountMinor && Money.fromJson(doc.amount).amountMinor <= high);
            expect(await walk(store, collection, sort, { currency: 'EUR', amountKey: bounds })).toEqual(reference(inRange, direction));
            expect(await store.count(collection, { currency: 'EUR', amountKey: bounds })).toBe(inRange.length);
          } finally {
            await store.close();
          }
        }),
        { numRuns: 25 },
      );
    });
  });
};

describeOnEveryReadStore('orders and filters opportunity amounts', describeAmountOrder);
