import fc from 'fast-check';
import { STREAM_TYPES, type StreamType } from '@crm/domain';
import { selectorOf, selects } from './change-selector';
import type { EntityChange, EntityChangeFilter } from './entity-change';
import { LiveSubscription } from './live-subscription';
import { SubscriptionIndex } from './subscription-index';

const IDS = ['0b1f2c3d-0000-4000-8000-000000000001', '0b1f2c3d-0000-4000-8000-000000000002', '0b1f2c3d-0000-4000-8000-000000000003'];
let position = 0;
const change = (type: StreamType, id: string): EntityChange => ({
  type, id, revision: 0, position: BigInt(++position), eventType: 'Changed', occurredAt: '2025-01-01T00:00:00.000Z',
});

/** A subscription filed in `index` (a subscription takes whatever it is offered: the index alone decides). */
const subscribe = (index: SubscriptionIndex, filter: EntityChangeFilter): LiveSubscription => {
  const subscription = new LiveSubscription(selectorOf(filter), { maxQueued: 10_000, onDetach: (s) => index.remove(s) });
  index.add(subscription);
  return subscription;
};

const drain = async (subscription: LiveSubscription): Promise<EntityChange[]> => {
  const taken: EntityChange[] = [];
  const iterator = subscription[Symbol.asyncIterator]();
  for (let left = subscription.queued; left > 0; left--) taken.push((await iterator.next()).value as EntityChange);
  return taken;
};

describe('the subscription index offers a change only to the subscriptions it matches', () => {
  it('by id, by type, by id and type together, and to those that take everything', () => {
    const index = new SubscriptionIndex();
    const everything = subscribe(index, {});
    const leads = subscribe(index, { types: ['LEAD'] });
    const first = subscribe(index, { ids: [IDS[0]] });
    const firstAsAccount = subscribe(index, { ids: [IDS[0]], types: ['ACCOUNT'] });
    const secondOrThird = subscribe(index, { ids: [IDS[1], IDS[2]], types: ['LEAD', 'CONTACT'] });
    index.deliver(change('LEAD', IDS[0]));
    index.deliver(change('ACCOUNT', IDS[0]));
    index.deliver(change('CONTACT', IDS[2]));
    index.deliver(change('OPPORTUNITY', IDS[1]));
    expect([everything, leads, first, firstAsAccount, secondOrThird].map((s) => s.queued)).toEqual([4, 1, 2, 1, 1]);
  });

  it('matches ids written in capitals, as ids are stored in lower case', () => {
    const index = new SubscriptionIndex();
    const subscription = subscribe(index, { ids: [IDS[0].toUpperCase()] });
    index.deliver(change('LEAD', IDS[0]));
    expect(subscription.queued).toBe(1);
  });

  it('forgets a closed subscription everywhere at once', () => {
    const index = new SubscriptionIndex();
    const subscriptions = [subscribe(index, {}), subscribe(index, { types: ['LEAD', 'PIPELINE'] }), subscribe(index, { ids: IDS, types: ['LEAD'] })];
    expect(index.size).toBe(3);
    subscriptions.forEach((s) => s.close());
    expect(index.size).toBe(0);
    expect(index.all()).toEqual([]);
    index.deliver(change('LEAD', IDS[0]));
    expect(subscriptions.map((s) => s.queued)).toEqual([0, 0, 0]);
  });

  it('keeps delivering to the others when one overflows during a delivery', () => {
    const index = new SubscriptionIndex();
    const slow = new LiveSubscription(selectorOf({}), { maxQueued: 1, onDetach: (s) => index.remove(s) });
    index.add(slow);
    const other = subscribe(index, {});
    index.deliver(change('LEAD', IDS[0]));
    index.deliver(change('LEAD', IDS[1]));
    expect(slow.isOpen).toBe(false);
    expect(index.all()).toEqual([other]);
    expect(other.queued).toBe(2);
  });

  it('gives each subscription exactly the changes its filter selects, once each, in order', async () => {
    const type = fc.constantFrom(...STREAM_TYPES);
    const id = fc.constantFrom(...IDS);
    const filter = fc.record({ types: fc.option(fc.uniqueArray(type, { maxLength: 3 }), { nil: undefined }), ids: fc.option(fc.uniqueArray(id, { maxLength: 3 }), { nil: undefined }) });
    await fc.assert(
      fc.asyncProperty(fc.array(filter, { maxLength: 8 }), fc.array(fc.tuple(type, id), { maxLength: 30 }), async (filters, events) => {
        const index = new SubscriptionIndex();
        const subscriptions = filters.map((f) => subscribe(index, f));
        const changes = events.map(([t, i]) => change(t, i));
        changes.forEach((c) => index.deliver(c));
        for (const subscription of subscriptions) {
          expect(await drain(subscription)).toEqual(changes.filter((c) => selects(subscription.selector, c)));
        }
      }),
    );
  });
});
