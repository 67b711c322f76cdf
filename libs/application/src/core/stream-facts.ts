import { Injectable } from '@nestjs/common';
import { accountDecider, accountStream, contactDecider, contactStream, type AccountState } from '@crm/domain';
import { AggregateStore } from './aggregate-store';

/** Longer parent chains are refused as cycles-in-waiting rather than walked forever. */
const MAX_ANCESTRY = 50;

/**
 * Facts from other streams that a decision needs (does the account exist, where does the contact
 * work). Read from the event store, never from a read model, so they are never stale by a projection.
 */
@Injectable()
export class StreamFacts {
  constructor(private readonly aggregates: AggregateStore) {}

  async accountExists(accountId: string): Promise<boolean> {
    const { state } = await this.aggregates.load(accountDecider, accountStream(accountId));
    return state.status !== 'Unknown';
  }

  /** The contact's current account; null when the contact does not exist or has left. */
  async contactAccountId(contactId: string): Promise<string | null> {
    const { state } = await this.aggregates.load(contactDecider, contactStream(contactId));
    return state.status === 'ACTIVE' ? state.accountId : null;
  }

  /** The parent's id followed by its ancestors'; stops at a repeat so an existing cycle cannot hang us. */
  async parentFacts(parentAccountId: string | null | undefined): Promise<{ parentExists?: boolean; parentAncestry?: string[] }> {
    if (!parentAccountId) return {};
    const ancestry: string[] = [];
    let next: string | null = parentAccountId;
    while (next && !ancestry.includes(next) && ancestry.length < MAX_ANCESTRY) {
      const { state }: { state: AccountState } = await this.aggregates.load(accountDecider, accountStream(next));
      if (state.status === 'Unknown') return { parentExists: ancestry.length > 0, parentAncestry: ancestry };
      ancestry.push(next);
      next = state.parentAccountId ?? null;
    }
    return { parentExists: true, parentAncestry: ancestry };
  }
}
