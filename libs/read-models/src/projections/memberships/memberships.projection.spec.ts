import type { DomainEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import {
  acme, contactAdded, contactLeft, contactMoved, eur, globex, jane, lost, opened, otherDeal, piet, registered, reopened, revised, stageChanged, won,
} from '../testing/domain-events.fixtures';
import { EventLog, idOf } from '../testing/event-log.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { ACCOUNTS, accountsProjection } from '../accounts/accounts.projection';
import { emptyAccount, type AccountDoc } from '../accounts/account-doc';
import { OPPORTUNITIES, opportunitiesProjection } from '../opportunities/opportunities.projection';
import type { OpportunityDoc } from '../opportunities/opportunity-doc';
import { accountFiguresAt } from './account-figures';
import { MEMBERSHIPS, membershipsProjection } from './memberships.projection';
import { STILL_CURRENT, type MembershipDoc } from './membership-doc';

const initech = idOf('ACCOUNT', 3);

/** The periods that hold instant `t`, as the API asks for them. */
const periodsAt = (kit: ProjectionTestKit, t: string, filter: Record<string, string> = {}): MembershipDoc[] =>
  kit.find(MEMBERSHIPS, { ...filter, from: { $lte: t }, until: { $gt: t } }) as MembershipDoc[];

const membersAt = (kit: ProjectionTestKit, t: string, accountId: string, kind: string): string[] =>
  periodsAt(kit, t, { accountId, kind }).map((period) => period.memberId).sort();

const history: DomainEvent[] = [
  registered(acme, 'Acme'),
  registered(globex, 'Globex'),
  contactAdded(jane, acme),
  contactAdded(piet, acme),
  opened(),
  opened({ opportunityId: otherDeal, accountId: globex, amount: eur('10.00') }),
  contactMoved(jane, acme, globex),
  revised({ amount: eur('11000.00') }),
  stageChanged('PROSPECTING', 'PROPOSAL'),
  won(eur('11000.00'), 'PROPOSAL'),
  contactLeft(piet, acme),
  reopened('CLOSED_WON', 'PROPOSAL', eur('11000.00')),
  contactMoved(piet, acme, acme, true),
  revised({ amount: { amount: '7.00', currency: 'CHF' } }),
  contactMoved(jane, globex, acme),
  lost(eur('10.00'), 'PROSPECTING', 'rep-1', { opportunityId: otherDeal, accountId: globex }),
];

describe('memberships projection', () => {
  it('knows which contacts an account had at every instant, moves included', async () => {
    const log = new EventLog();
    const events = log.recordAll(history);
    const kit = await new ProjectionTestKit(membershipsProjection).run(events);
    const instant = (event: RecordedEvent) => event.metadata.occurredAt;
    expect(membersAt(kit, instant(events[3]), acme, 'CONTACT')).toEqual([jane, piet]);
    expect(membersAt(kit, instant(events[6]), acme, 'CONTACT')).toEqual([piet]);
    expect(membersAt(kit, instant(events[6]), globex, 'CONTACT')).toEqual([jane]);
    expect(membersAt(kit, instant(events[14]), acme, 'CONTACT')).toEqual([jane, piet]);
    expect(membersAt(kit, '2026-01-05T09:00:00.000Z', acme, 'CONTACT')).toEqual([]);
    expect(kit.find(MEMBERSHIPS, { kind: 'OPPORTUNITY' })).toEqual([]);
  });

  it('gives, at every instant, with the opportunities as they stood, the figures the accounts projection had then', async () => {
    const events = new EventLog().recordAll(history);
    const kit = await new ProjectionTestKit(membershipsProjection).run(events);
    for (let i = 0; i < events.length; i++) {
      const t = events[i].metadata.occurredAt;
      const [accounts, opportunities] = await Promise.all([accountsProjection, opportunitiesProjection].map((p) => new ProjectionTestKit(p).run(events.slice(0, i + 1))));
      const opportunitiesThen = opportunities.docs<OpportunityDoc>(OPPORTUNITIES);
      for (const accountId of [acme, globex]) {
        const then = accounts.doc<AccountDoc>(ACCOUNTS, accountId) ?? emptyAccount(accountId);
        const { contactCount, activeContactCount, singleThreaded, openOpportunityCount, openPipeline, wonAmount } = then;
        expect({ at: i, ...accountFiguresAt(accountId, periodsAt(kit, t), opportunitiesThen) }).toEqual({
          at: i, contactCount, activeContactCount, singleThreaded, openOpportunityCount, openPipeline, wonAmount,
        });
      }
    }
  });

  it('keeps the time a contact joined across changes of standing at the same account', async () => {
    const events = new EventLog().recordAll(history);
    const kit = await new ProjectionTestKit(membershipsProjection).run(events);
    const piets = kit.find(MEMBERSHIPS, { memberId: piet }) as MembershipDoc[];
    expect(piets.map(({ status, joinedAt, until }) => ({ status, joinedAt, current: until === STILL_CURRENT }))).toEqual([
      { status: 'ACTIVE', joinedAt: events[3].metadata.occurredAt, current: true },
      { status: 'ACTIVE', joinedAt: events[3].metadata.occurredAt, current: false },
      { status: 'LEFT', joinedAt: events[3].metadata.occurredAt, current: false },
    ]);
  });

  it('follows an account\'s parent, and a parent removed', async () => {
    const log = new EventLog();
    const events = log.recordAll([
      registered(acme, 'Acme'),
      { ...registered(globex, 'Globex'), data: { ...registered(globex, 'Globex').data, parentAccountId: acme } } as DomainEvent,
      registered(initech, 'Initech'),
      { type: 'AccountDetailsUpdated', data: { accountId: globex, changes: { parentAccountId: initech } } },
      { type: 'AccountDetailsUpdated', data: { accountId: globex, changes: { name: 'Globex Holding' } } },
      { type: 'AccountDetailsUpdated', data: { accountId: globex, changes: { parentAccountId: null } } },
    ]);
    const kit = await new ProjectionTestKit(membershipsProjection).run(events);
    expect(membersAt(kit, events[2].metadata.occurredAt, acme, 'CHILD')).toEqual([globex]);
    expect(membersAt(kit, events[4].metadata.occurredAt, acme, 'CHILD')).toEqual([]);
    expect(membersAt(kit, events[4].metadata.occurredAt, initech, 'CHILD')).toEqual([globex]);
    expect(membersAt(kit, events[5].metadata.occurredAt, initech, 'CHILD')).toEqual([]);
    expect(kit.find(MEMBERSHIPS, { memberId: globex })).toHaveLength(3);
    expect(kit.find(MEMBERSHIPS, { memberId: acme })).toEqual([]);
  });

  it('changes nothing when events are applied again, and holds nothing about the person', async () => {
    const events = new EventLog().recordAll(history);
    const kit = await new ProjectionTestKit(membershipsProjection).run(events);
    const once = kit.snapshot();
    await kit.run(events);
    expect(kit.snapshot()).toEqual(once);
    expect(JSON.stringify(once)).not.toMatch(/Jane|Doe/);
  });

  it('gives a period that a back-dated event ends before it began no instant', async () => {
    const log = new EventLog();
    const events = [log.record(registered(acme, 'Acme')), log.record(registered(globex, 'Globex')), log.record(contactAdded(jane, acme), '2026-02-01T00:00:00.000Z')];
    events.push(log.record(contactMoved(jane, acme, globex), '2026-01-20T00:00:00.000Z'));
    const kit = await new ProjectionTestKit(membershipsProjection).run(events);
    expect(membersAt(kit, '2026-01-25T00:00:00.000Z', acme, 'CONTACT')).toEqual([]);
    expect(membersAt(kit, '2026-02-02T00:00:00.000Z', globex, 'CONTACT')).toEqual([jane]);
  });
});
