import { DEFAULT_PIPELINE_ID, type DomainEvent } from '@crm/domain';
import {
  acme,
  assigned,
  deal,
  eur,
  globex,
  jane,
  lost,
  opened,
  otherDeal,
  piet,
  registered,
  renamed,
  reopened,
  revised,
  stageChanged,
  won,
} from '../testing/domain-events.fixtures';
import { EventLog } from '../testing/event-log.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { OPPORTUNITIES, opportunitiesProjection } from './opportunities.projection';
import { OPPORTUNITY_ACCOUNT_NAMES, type OpportunityAccountNameDoc } from './opportunity-account-names';
import type { OpportunityDoc } from './opportunity-doc';

const run = (events: DomainEvent[]) => new ProjectionTestKit(opportunitiesProjection).run(new EventLog().recordAll(events));
const opportunity = (kit: ProjectionTestKit, id = deal) => kit.doc<OpportunityDoc>(OPPORTUNITIES, id) as OpportunityDoc;
const accountNames = (kit: ProjectionTestKit, id = acme) => kit.doc<OpportunityAccountNameDoc>(OPPORTUNITY_ACCOUNT_NAMES, id);

const roleAssigned = (contactId: string, role: 'CHAMPION' | 'DECISION_MAKER', primary: string | null, previous: string | null): DomainEvent => ({
  type: 'ContactRoleAssigned',
  data: { opportunityId: deal, accountId: acme, contactId, role, primary: primary === contactId, primaryContactId: primary, previousPrimaryContactId: previous },
});

describe('opportunities projection', () => {
  it('builds the document of an opened opportunity with its account name', async () => {
    const kit = await run([registered(acme, 'Acme Corp'), opened({ primaryContactId: jane })]);
    expect(opportunity(kit)).toEqual({
      id: deal,
      accountId: acme,
      accountName: 'Acme Corp',
      name: 'Fleet renewal',
      amount: { amount: '12500.00', currency: 'EUR', amountMinor: 1250000 },
      amountKey: 'P000000000000012500.000000',
      currency: 'EUR',
      pipelineId: DEFAULT_PIPELINE_ID,
      stage: 'PROSPECTING',
      status: 'OPEN',
      ownerId: 'rep-1',
      expectedCloseDate: '2026-03-31',
      closeMonth: '2026-03',
      stageEnteredAt: '2026-01-05T11:00:00.000Z',
      primaryContactId: jane,
      contactRoles: [],
      lossReason: null,
      competitor: null,
      closedAt: null,
      createdAt: '2026-01-05T11:00:00.000Z',
      updatedAt: '2026-01-05T11:00:00.000Z',
      revision: 0,
    });
  });

  it('follows stage, revision and owner, recomputing the derived fields', async () => {
    const kit = await run([
      registered(acme, 'Acme'),
      opened(),
      stageChanged('PROSPECTING', 'NEGOTIATION'),
      revised({ name: 'Fleet XL', amount: { amount: '1000.05', currency: 'USD' }, expectedCloseDate: '2026-06-01' }),
      assigned('rep-2', 'rep-1'),
    ]);
    expect(opportunity(kit)).toMatchObject({
      stage: 'NEGOTIATION',
      stageEnteredAt: '2026-01-05T12:00:00.000Z',
      name: 'Fleet XL',
      amount: { amount: '1000.05', currency: 'USD', amountMinor: 100005 },
      amountKey: 'P000000000000001000.050000',
      currency: 'USD',
      expectedCloseDate: '2026-06-01',
      closeMonth: '2026-06',
      ownerId: 'rep-2',
      updatedAt: '2026-01-05T14:00:00.000Z',
      revision: 3,
    });
  });

  it('keys the amount exactly beyond 2^53 minor units, where minor units as a number collide', async () => {
    const kit = await run([opened({ amount: { amount: '90071992547409.93', currency: 'EUR' } })]);
    expect(opportunity(kit)).toMatchObject({ amount: { amount: '90071992547409.93' }, amountKey: 'P000090071992547409.930000' });
    const next = await run([opened({ amount: { amount: '90071992547409.92', currency: 'EUR' } })]);
    expect(opportunity(next).amount.amountMinor).toBe(opportunity(kit).amount.amountMinor);
    expect(opportunity(next).amountKey < opportunity(kit).amountKey).toBe(true);
  });

  it('keeps one entry per contact and role, with the primary flag following the primary contact', async () => {
    const kit = await run([
      opened({ primaryContactId: jane }),
      roleAssigned(jane, 'CHAMPION', jane, jane),
      roleAssigned(piet, 'DECISION_MAKER', piet, jane),
      roleAssigned(piet, 'CHAMPION', piet, piet),
    ]);
    expect(opportunity(kit)).toMatchObject({
      primaryContactId: piet,
      contactRoles: [
        { contactId: jane, role: 'CHAMPION', primary: false },
        { contactId: piet, role: 'DECISION_MAKER', primary: true },
        { contactId: piet, role: 'CHAMPION', primary: true },
      ],
    });
  });

  it('closes as won or lost and clears the loss on reopening', async () => {
    const wonKit = await run([opened(), won(eur('12500.00'), 'PROSPECTING')]);
    expect(opportunity(wonKit)).toMatchObject({ status: 'WON', stage: 'CLOSED_WON', closedAt: '2026-01-05T11:00:00.000Z' });
    const lostKit = await run([opened(), lost(eur('12500.00'), 'PROSPECTING')]);
    expect(opportunity(lostKit)).toMatchObject({ status: 'LOST', stage: 'CLOSED_LOST', lossReason: 'LOST_TO_COMPETITOR', competitor: 'Initech' });
    const reopenedKit = await run([opened(), lost(eur('12500.00'), 'PROSPECTING'), reopened('CLOSED_LOST', 'PROPOSAL', eur('12500.00'))]);
    expect(opportunity(reopenedKit)).toMatchObject({
      status: 'OPEN',
      stage: 'PROPOSAL',
      lossReason: null,
      competitor: null,
      closedAt: null,
      stageEnteredAt: '2026-01-05T12:00:00.000Z',
    });
  });

  it('renames the account on every opportunity of that account only', async () => {
    const kit = await run([
      registered(acme, 'Acme'),
      registered(globex, 'Globex'),
      opened(),
      opened({ opportunityId: otherDeal, accountId: globex, name: 'Other' }),
      renamed(acme, 'Acme Holding'),
      { type: 'AccountDetailsUpdated', data: { accountId: globex, changes: { industry: 'Retail' } } },
    ]);
    expect(opportunity(kit)).toMatchObject({ accountName: 'Acme Holding', revision: 0 });
    expect(opportunity(kit, otherDeal)).toMatchObject({ accountName: 'Globex' });
  });

  it('keeps per account its name and its opportunities in the order they were opened', async () => {
    const kit = await run([
      registered(acme, 'Acme'),
      opened({ opportunityId: otherDeal }),
      opened(),
      stageChanged('PROSPECTING', 'PROPOSAL'),
      renamed(acme, 'Acme Holding'),
    ]);
    expect(accountNames(kit)).toEqual({ id: acme, name: 'Acme Holding', opportunityIds: [otherDeal, deal] });
    expect(accountNames(kit, globex)).toBeNull();
  });

  it('fills the account name of an opportunity seen before the account', async () => {
    const kit = await run([opened(), registered(acme, 'Acme')]);
    expect(opportunity(kit)).toMatchObject({ accountName: 'Acme' });
    expect(accountNames(kit)).toEqual({ id: acme, name: 'Acme', opportunityIds: [deal] });
  });

  it('writes nothing for a rename to the name the account already has', async () => {
    const events = new EventLog().recordAll([registered(acme, 'Acme'), opened(), renamed(acme, 'Acme')]);
    const kit = await new ProjectionTestKit(opportunitiesProjection).run(events);
    expect(kit.snapshot()).toEqual((await new ProjectionTestKit(opportunitiesProjection).run(events.slice(0, 2))).snapshot());
  });

  it('opens an opportunity once: a second opening changes nothing, so it keeps its account', async () => {
    const kit = await run([registered(acme, 'Acme'), registered(globex, 'Globex'), opened(), opened({ accountId: globex, name: 'Moved' })]);
    expect(opportunity(kit)).toMatchObject({ accountId: acme, accountName: 'Acme', name: 'Fleet renewal', revision: 0 });
    expect(accountNames(kit, globex)).toEqual({ id: globex, name: 'Globex', opportunityIds: [] });
  });

  it('ignores changes of an opportunity it has not seen opened', async () => {
    const kit = await run([registered(acme, 'Acme'), stageChanged('PROSPECTING', 'PROPOSAL')]);
    expect(kit.docs(OPPORTUNITIES)).toEqual([]);
  });

  it('prefetches the opportunity, for an opening the account name too, and for a rename the account name', () => {
    const [registration, opening, change, assignment] = new EventLog().recordAll([
      registered(acme, 'Acme'),
      opened(),
      stageChanged('PROSPECTING', 'PROPOSAL'),
      { type: 'AccountAssigned', data: { accountId: acme, ownerId: 'rep-2', previousOwnerId: 'rep-1' } },
    ]);
    const names = { collection: OPPORTUNITY_ACCOUNT_NAMES, id: acme };
    const document = { collection: OPPORTUNITIES, id: deal };
    expect(opportunitiesProjection.prefetch(registration!)).toEqual([names]);
    expect(opportunitiesProjection.prefetch(opening!)).toEqual([document, names]);
    expect(opportunitiesProjection.prefetch(change!)).toEqual([document]);
    expect(opportunitiesProjection.prefetch(assignment!)).toEqual([]);
  });

  it('gives the same documents when every event is applied twice', async () => {
    const events = new EventLog().recordAll([
      registered(acme, 'Acme'),
      opened({ primaryContactId: jane }),
      roleAssigned(piet, 'DECISION_MAKER', piet, jane),
      renamed(acme, 'Acme 2'),
      stageChanged('PROSPECTING', 'PROPOSAL'),
      lost(eur('12500.00'), 'PROPOSAL'),
      reopened('CLOSED_LOST', 'NEGOTIATION', eur('12500.00')),
    ]);
    const once = await new ProjectionTestKit(opportunitiesProjection).run(events);
    const twice = await new ProjectionTestKit(opportunitiesProjection).run(events.flatMap((event) => [event, event]));
    expect(twice.snapshot()).toEqual(once.snapshot());
    const batchAgain = await new ProjectionTestKit(opportunitiesProjection).run(events);
    await batchAgain.run(events);
    expect(batchAgain.snapshot()).toEqual(once.snapshot());
  });
});
