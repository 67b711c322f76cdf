import type { DomainEvent } from '@crm/domain';
import {
  acme,
  contactAdded,
  contactLeft,
  contactMoved,
  deal,
  eur,
  globex,
  jane,
  lost,
  opened,
  otherDeal,
  piet,
  registered,
  reopened,
  revised,
  stageChanged,
  won,
} from '../pipeline/domain-events.fixtures';
import { EventLog } from '../pipeline/event-log.fixtures';
import { ProjectionTestKit } from '../pipeline/projection-test-kit';
import type { AccountDoc } from './account-doc';
import { ACCOUNTS, ACCOUNT_CONTACTS, ACCOUNT_OPPORTUNITIES, accountsProjection } from './accounts.projection';

const run = (events: DomainEvent[]) => new ProjectionTestKit(accountsProjection).run(new EventLog().recordAll(events));
const account = (kit: ProjectionTestKit, id = acme) => kit.doc<AccountDoc>(ACCOUNTS, id) as AccountDoc;

const contactFigures = ({ contactCount, activeContactCount, singleThreaded }: AccountDoc) => ({
  contactCount,
  activeContactCount,
  singleThreaded,
});

describe('accounts projection', () => {
  it('registers an account with empty figures', async () => {
    const kit = await run([registered(acme, 'Acme Corp', 'acme.example')]);
    expect(account(kit)).toEqual({
      id: acme,
      registered: true,
      name: 'Acme Corp',
      kind: 'COMPANY',
      domain: 'acme.example',
      industry: null,
      parentAccountId: null,
      registrationNumber: null,
      ownerId: 'rep-1',
      contactCount: 0,
      activeContactCount: 0,
      singleThreaded: true,
      openOpportunityCount: 0,
      openPipeline: [],
      wonAmount: [],
      createdAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T10:00:00.000Z',
      revision: 0,
      searchText: 'acme corp acme.example',
    });
  });

  it('follows details, owner and search text', async () => {
    const kit = await run([
      registered(acme, 'Acme Corp', 'acme.example'),
      { type: 'AccountDetailsUpdated', data: { accountId: acme, changes: { name: 'ACME Holding', domain: null } } },
      { type: 'AccountAssigned', data: { accountId: acme, ownerId: 'rep-2', previousOwnerId: 'rep-1' } },
    ]);
    expect(account(kit)).toMatchObject({ name: 'ACME Holding', domain: null, ownerId: 'rep-2', revision: 2, searchText: 'acme holding' });
    expect(account(kit)).toMatchObject({ createdAt: '2026-01-05T10:00:00.000Z', updatedAt: '2026-01-05T12:00:00.000Z' });
  });

  it('counts active contacts and flags single-threaded accounts', async () => {
    const kit = await run([registered(acme, 'Acme'), contactAdded(jane, acme)]);
    expect(contactFigures(account(kit))).toEqual({ contactCount: 1, activeContactCount: 1, singleThreaded: true });
    const two = await run([registered(acme, 'Acme'), contactAdded(jane, acme), contactAdded(piet, acme)]);
    expect(contactFigures(account(two))).toEqual({ contactCount: 2, activeContactCount: 2, singleThreaded: false });
  });

  it('keeps a contact who left in contactCount but not in activeContactCount, until moved away', async () => {
    const base = [registered(acme, 'Acme'), registered(globex, 'Globex'), contactAdded(jane, acme), contactAdded(piet, acme)];
    const left = await run([...base, contactLeft(jane, acme)]);
    expect(contactFigures(account(left))).toEqual({ contactCount: 2, activeContactCount: 1, singleThreaded: true });
    const moved = await run([...base, contactLeft(jane, acme), contactMoved(jane, acme, globex, true)]);
    expect(contactFigures(account(moved))).toEqual({ contactCount: 1, activeContactCount: 1, singleThreaded: true });
    expect(contactFigures(account(moved, globex))).toEqual({ contactCount: 1, activeContactCount: 1, singleThreaded: true });
    const back = await run([...base, contactLeft(jane, acme), contactMoved(jane, acme, acme, true)]);
    expect(contactFigures(account(back))).toEqual({ contactCount: 2, activeContactCount: 2, singleThreaded: false });
  });

  it('sums open pipeline per currency, following revisions', async () => {
    const usd = { opportunityId: otherDeal };
    const kit = await run([
      registered(acme, 'Acme'),
      opened(),
      opened({ ...usd, amount: { amount: '99.90', currency: 'USD' } }),
      revised({ amount: eur('15000.50') }),
      stageChanged('PROSPECTING', 'PROPOSAL'),
    ]);
    expect(account(kit)).toMatchObject({
      openOpportunityCount: 2,
      openPipeline: [
        { amount: '15000.50', currency: 'EUR', amountMinor: 1500050 },
        { amount: '99.90', currency: 'USD', amountMinor: 9990 },
      ],
      wonAmount: [],
    });
  });

  it('drops lost deals, and counts a reopened deal as open again', async () => {
    const history = [registered(acme, 'Acme'), opened(), won(eur('12500.00'), 'PROSPECTING')];
    const wonKit = await run(history);
    expect(account(wonKit)).toMatchObject({ openOpportunityCount: 0, openPipeline: [], wonAmount: [{ amount: '12500.00', currency: 'EUR' }] });
    const reopenedKit = await run([...history, reopened('CLOSED_WON', 'NEGOTIATION', eur('12500.00')), lost(eur('12500.00'), 'NEGOTIATION')]);
    expect(account(reopenedKit)).toMatchObject({ openOpportunityCount: 0, openPipeline: [], wonAmount: [] });
    const again = await run([...history, reopened('CLOSED_WON', 'NEGOTIATION', eur('12500.00'))]);
    expect(account(again)).toMatchObject({ openOpportunityCount: 1, openPipeline: [{ amount: '12500.00' }], wonAmount: [] });
  });

  it('keeps figures seen before the registration, on a partial document', async () => {
    const log = new EventLog();
    const kit = await new ProjectionTestKit(accountsProjection).run(log.recordAll([contactAdded(jane, acme), opened()]));
    expect(account(kit)).toMatchObject({ registered: false, name: null, revision: null, contactCount: 1, openOpportunityCount: 1 });
    await kit.run([log.record(registered(acme, 'Acme'))]);
    expect(account(kit)).toMatchObject({ registered: true, name: 'Acme', revision: 0, contactCount: 1, openOpportunityCount: 1 });
  });
});

describe('accounts projection replays', () => {
  const history: DomainEvent[] = [
    registered(acme, 'Acme'),
    registered(globex, 'Globex'),
    contactAdded(jane, acme),
    contactAdded(piet, acme),
    opened(),
    opened({ opportunityId: otherDeal, accountId: globex, amount: eur('10.00') }),
    contactMoved(jane, acme, globex),
    revised({ amount: eur('11000.00') }),
    won(eur('11000.00'), 'PROSPECTING'),
    contactLeft(piet, acme),
    reopened('CLOSED_WON', 'PROPOSAL', eur('11000.00')),
    revised({ amount: { amount: '7.00', currency: 'CHF' } }),
  ];

  it('gives the same documents when every event is applied twice', async () => {
    const events = new EventLog().recordAll(history);
    const once = await new ProjectionTestKit(accountsProjection).run(events);
    const twice = await new ProjectionTestKit(accountsProjection).run(events.flatMap((event) => [event, event]));
    expect(twice.snapshot()).toEqual(once.snapshot());
    expect(account(once)).toMatchObject({ openPipeline: [{ amount: '7.00', currency: 'CHF' }], contactCount: 1, activeContactCount: 0 });
    expect(account(once, globex)).toMatchObject({ openOpportunityCount: 1, contactCount: 1, activeContactCount: 1 });
  });

  it.each([[[ACCOUNTS]], [[ACCOUNT_CONTACTS, ACCOUNT_OPPORTUNITIES]], [[ACCOUNT_OPPORTUNITIES, ACCOUNTS]]])(
    'gives the documents of a clean run after a batch stored only for %j is replayed',
    async (stored: string[]) => {
      const events = new EventLog().recordAll(history);
      const clean = await new ProjectionTestKit(accountsProjection).run(events);
      const crashed = await new ProjectionTestKit(accountsProjection).run(events.slice(0, 3));
      await crashed.partlyStoredBatch(events.slice(3, 11), stored);
      await crashed.run(events.slice(3));
      expect(crashed.snapshot()).toEqual(clean.snapshot());
    },
  );

  it('ignores contact detail changes and stage moves', async () => {
    const details: DomainEvent = { type: 'ContactDetailsUpdated', data: { contactId: jane, accountId: acme, changes: { jobTitle: 'CTO' } } };
    const kit = await run([registered(acme, 'Acme'), contactAdded(jane, acme), details, opened(), stageChanged('PROSPECTING', 'PROPOSAL')]);
    expect(kit.find(ACCOUNT_CONTACTS, { contactId: jane })).toHaveLength(1);
    expect(kit.find(ACCOUNT_OPPORTUNITIES, { opportunityId: deal })).toHaveLength(1);
  });
});
