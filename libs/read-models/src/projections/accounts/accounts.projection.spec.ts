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
} from '../testing/domain-events.fixtures';
import { EventLog, idOf } from '../testing/event-log.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import type { Doc } from '../../store/read-store.port';
import type { Projection } from '../projection';
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
    });
  });

  it('follows details, owner and search text', async () => {
    const kit = await run([
      registered(acme, 'Acme Corp', 'acme.example'),
      { type: 'AccountDetailsUpdated', data: { accountId: acme, changes: { name: 'ACME Holding', domain: null } } },
      { type: 'AccountAssigned', data: { accountId: acme, ownerId: 'rep-2', previousOwnerId: 'rep-1' } },
    ]);
    expect(account(kit)).toMatchObject({ name: 'ACME Holding', domain: null, ownerId: 'rep-2', revision: 2 });
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

  it('keeps totals exact beyond 2^53 minor units, and formats each currency with its own decimals', async () => {
    const huge = eur('60000000000000.01');
    const kit = await run([
      registered(acme, 'Acme'),
      opened({ amount: huge }),
      opened({ opportunityId: otherDeal, amount: huge }),
      opened({ opportunityId: idOf('OPPORTUNITY', 3), amount: { amount: '1500', currency: 'JPY' } }),
      opened({ opportunityId: idOf('OPPORTUNITY', 4), amount: { amount: '0.125', currency: 'BHD' } }),
    ]);
    expect(account(kit).openPipeline).toEqual([
      { amount: '0.125', currency: 'BHD', amountMinor: 125 },
      { amount: '120000000000000.02', currency: 'EUR', amountMinor: 12000000000000002 },
      { amount: '1500', currency: 'JPY', amountMinor: 1500 },
    ]);
    const revisedKit = await run([
      registered(acme, 'Acme'),
      opened({ amount: huge }),
      opened({ opportunityId: otherDeal, amount: huge }),
      revised({ amount: eur('0.02') }),
    ]);
    expect(account(revisedKit).openPipeline).toEqual([{ amount: '60000000000000.03', currency: 'EUR', amountMinor: 6000000000000003 }]);
  });

  it('moves a deal revised into another currency between totals', async () => {
    const kit = await run([registered(acme, 'Acme'), opened(), revised({ amount: { amount: '7', currency: 'chf' } })]);
    expect(account(kit).openPipeline).toEqual([{ amount: '7.00', currency: 'CHF', amountMinor: 700 }]);
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

  it('changes nothing when the same events are applied again', async () => {
    const events = new EventLog().recordAll(history);
    const kit = await new ProjectionTestKit(accountsProjection).run(events);
    const once = kit.snapshot();
    await kit.run(events);
    expect(kit.snapshot()).toEqual(once);
    await kit.run(events.slice(3, 11));
    expect(kit.snapshot()).toEqual(once);
  });

  it('gives the documents of a clean run when a stored batch is replayed before the rest', async () => {
    const events = new EventLog().recordAll(history);
    const clean = await new ProjectionTestKit(accountsProjection).run(events);
    const resumed = await new ProjectionTestKit(accountsProjection).run(events.slice(0, 11));
    await resumed.run(events.slice(3));
    expect(resumed.snapshot()).toEqual(clean.snapshot());
  });

  it('prefetches every document apply reads when the events name the accounts involved', async () => {
    const unprefetched: string[] = [];
    const watched: Projection = {
      ...accountsProjection,
      apply: (event, docs) => {
        const named = new Set(accountsProjection.prefetch(event).map(({ collection, id }) => `${collection}/${id}`));
        const get = <T extends Doc>(collection: string, id: string): T | null => {
          if (!named.has(`${collection}/${id}`)) unprefetched.push(`${event.type} reads ${collection}/${id}`);
          return docs.get<T>(collection, id);
        };
        accountsProjection.apply(event, { get, put: (collection, doc) => docs.put(collection, doc) });
      },
    };
    await new ProjectionTestKit(watched).run(new EventLog().recordAll(history));
    expect(unprefetched).toEqual([]);
  });

  const jobTitleChanged: DomainEvent = {
    type: 'ContactDetailsUpdated',
    data: { contactId: jane, accountId: acme, changes: { jobTitle: 'CTO' } },
  };
  const noFigureChanges = [jobTitleChanged, stageChanged('PROSPECTING', 'PROPOSAL'), revised({ name: 'Fleet renewal 2026' })];

  it('prefetches nothing for events that change no figures', () => {
    const events = new EventLog().recordAll(noFigureChanges);
    expect(events.map((event) => accountsProjection.prefetch(event))).toEqual([[], [], []]);
  });

  it('keeps each contact and opportunity link in a helper document, untouched by detail changes and stage moves', async () => {
    const log = new EventLog();
    const kit = new ProjectionTestKit(accountsProjection);
    await kit.run(log.recordAll([registered(acme, 'Acme'), contactAdded(jane, acme), opened()]));
    const before = kit.snapshot();
    await kit.run(log.recordAll(noFigureChanges));
    expect(kit.snapshot()).toEqual(before);
    expect(kit.doc(ACCOUNT_CONTACTS, jane)).toEqual({ id: jane, accountId: acme, status: 'ACTIVE' });
    expect(kit.doc(ACCOUNT_OPPORTUNITIES, deal)).toEqual({
      id: deal,
      accountId: acme,
      status: 'OPEN',
      amount: { amount: '12500.00', currency: 'EUR', amountMinor: 1250000 },
    });
  });
});
