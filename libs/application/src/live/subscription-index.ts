import type { StreamType } from '@crm/domain';
import type { EntityChange } from './entity-change';
import type { LiveSubscription } from './live-subscription';

/**
 * Every open subscription, filed where a change can find it: under each id it names (its types
 * checked on delivery), else under each type it names, else with those that take everything. A
 * change looks in three places, so what it costs does not grow with subscriptions it does not match.
 * Each subscription sits in exactly one kind of place and a change has one id and one type, so no
 * subscription is offered a change twice.
 */
export class SubscriptionIndex {
  private readonly byId = new Map<string, Set<LiveSubscription>>();
  private readonly byType = new Map<StreamType, Set<LiveSubscription>>();
  private readonly everything = new Set<LiveSubscription>();
  private readonly members = new Set<LiveSubscription>();

  get size(): number {
    return this.members.size;
  }

  add(subscription: LiveSubscription): void {
    if (this.members.has(subscription)) return;
    this.members.add(subscription);
    const { ids, types } = subscription.selector;
    if (ids !== null) ids.forEach((id) => fileUnder(this.byId, id, subscription));
    else if (types !== null) types.forEach((type) => fileUnder(this.byType, type, subscription));
    else this.everything.add(subscription);
  }

  remove(subscription: LiveSubscription): void {
    if (!this.members.delete(subscription)) return;
    const { ids, types } = subscription.selector;
    if (ids !== null) ids.forEach((id) => takeOut(this.byId, id, subscription));
    else if (types !== null) types.forEach((type) => takeOut(this.byType, type, subscription));
    else this.everything.delete(subscription);
  }

  /**
   * Offers the change to every subscription it matches. Removing one meanwhile (an overflow) is safe:
   * Sets allow it. The narrowest first: a client watching one record is sent its change before the
   * sockets of everyone who takes every change are written to.
   */
  deliver(change: EntityChange): void {
    const ofId = this.byId.get(change.id);
    if (ofId !== undefined) {
      for (const subscription of ofId) {
        const types = subscription.selector.types;
        if (types === null || types.has(change.type)) subscription.offer(change);
      }
    }
    const ofType = this.byType.get(change.type);
    if (ofType !== undefined) for (const subscription of ofType) subscription.offer(change);
    for (const subscription of this.everything) subscription.offer(change);
  }

  /** The open subscriptions, as a copy: closing them while iterating removes them from the index. */
  all(): LiveSubscription[] {
    return [...this.members];
  }
}

const fileUnder = <K>(index: Map<K, Set<LiveSubscription>>, key: K, subscription: LiveSubscription): void => {
  const filed = index.get(key);
  if (filed === undefined) index.set(key, new Set([subscription]));
  else filed.add(subscription);
};

const takeOut = <K>(index: Map<K, Set<LiveSubscription>>, key: K, subscription: LiveSubscription): void => {
  const filed = index.get(key);
  if (filed === undefined) return;
  filed.delete(subscription);
  if (filed.size === 0) index.delete(key);
};
