import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type NewEvent } from '@crm/event-store';

const OPEN_STAGES = [['PROSPECTING', 10], ['QUALIFICATION', 20], ['PROPOSAL', 50], ['NEGOTIATION', 80]] as const;
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'EUR', 'USD', 'GBP'];
const GROUP = 2_000;

const meta = (at: Date) => ({
  actor: 'bench', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt: at.toISOString(),
});

const event = (type: string, data: NewEvent['data'], at: Date): NewEvent => ({ id: randomUUID(), type, data, metadata: meta(at) });

export interface BenchDataset {
  opportunityIds: string[];
  owners: string[];
}

/**
 * Accounts and open opportunities with realistic spread (owners, stages, currencies, close dates in
 * the next year), appended straight to the event store so the API starts on a populated pipeline.
 */
export const writeOpportunities = async (path: string, opportunities: number): Promise<BenchDataset> => {
  const store = new SqliteEventStore({ path });
  const owners = Array.from({ length: 20 }, (_, i) => `rep-${i + 1}`);
  const accountIds = Array.from({ length: Math.ceil(opportunities / 10) }, () => randomUUID());
  const opportunityIds: string[] = [];
  const now = Date.now();
  let pending: Array<Promise<unknown>> = [];
  const flush = async (force = false) => {
    if (force || pending.length >= GROUP) {
      await Promise.all(pending);
      pending = [];
    }
  };
  for (const [i, accountId] of accountIds.entries()) {
    pending.push(store.appendToStream(`account-${accountId}`, [event('AccountRegistered', {
      accountId, name: `Bench Account ${i}`, kind: 'COMPANY', domain: `bench-${i}.nl`, industry: 'Retail',
      parentAccountId: null, registrationNumber: null, ownerId: owners[i % owners.length],
    }, new Date(now - 86_400_000))], 'no_stream'));
    await flush();
  }
  for (let i = 0; i < opportunities; i++) {
    const opportunityId = randomUUID();
    const [stage, probability] = OPEN_STAGES[i % OPEN_STAGES.length];
    const close = new Date(now + ((i * 7919) % 365) * 86_400_000).toISOString().slice(0, 10);
    opportunityIds.push(opportunityId);
    pending.push(store.appendToStream(`opportunity-${opportunityId}`, [event('OpportunityOpened', {
      opportunityId, accountId: accountIds[i % accountIds.length], name: `Deal ${i}`,
      amount: { amount: `${1000 + ((i * 37) % 90_000)}.00`, currency: CURRENCIES[i % CURRENCIES.length] },
      expectedCloseDate: close, ownerId: owners[(i * 7) % owners.length], stage, probability, primaryContactId: null,
    }, new Date(now - 3_600_000))], 'no_stream'));
    await flush();
  }
  await flush(true);
  await store.close();
  return { opportunityIds, owners };
};
