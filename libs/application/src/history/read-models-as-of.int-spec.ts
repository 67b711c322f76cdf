import { randomUUID } from 'node:crypto';
import { Projector, SqliteReadStore, type Doc, type ReadStore } from '@crm/read-models';
import { CaptureLeadCommand } from '../leads/capture-lead.command';
import { QualifyLeadCommand } from '../leads/qualify-lead.command';
import { RegisterAccountCommand } from '../accounts/register-account.command';
import { UpdateAccountDetailsCommand } from '../accounts/update-account-details.command';
import { AddContactCommand } from '../contacts/add-contact.command';
import { MoveContactCommand } from '../contacts/move-contact.command';
import { OpenOpportunityCommand } from '../opportunities/open-opportunity.command';
import { ChangeOpportunityStageCommand } from '../opportunities/change-opportunity-stage.command';
import { startApplication, tempEventStoreFile, type RunningApplication } from '../testing/application-harness';
import { context, leadInput } from '../testing/commands';
import { uuidV7At, uuidV7Time } from '../core/event-ids';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { HistoryService } from './history.service';
import { ReadModelsAsOf } from './read-models-as-of';

const at = (iso: string) => new Date(iso);
const readLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};
const withoutPosition = (doc: Doc | null): Doc | null => {
  if (doc === null) return null;
  const { lastPosition: _position, ...rest } = doc;
  return rest as Doc;
};

describe('read-model documents as of an instant, replayed through their projections', () => {
  const file = tempEventStoreFile();
  let app: RunningApplication;
  let readStore: ReadStore;
  let projector: Projector;
  let asOf: ReadModelsAsOf;
  const lead = leadInput();
  const [acme, globex, contactId, dealId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const live = async (logical: string, id: string) => withoutPosition(await readStore.get(await projector.readModels.collectionFor(logical), id));

  beforeAll(async () => {
    app = await startApplication(file.open());
    const run = (command: object) => app.commands.execute(command as never);
    await run(new CaptureLeadCommand(lead, context({ occurredAt: at('2025-01-10T09:00:00Z') })));
    await run(new QualifyLeadCommand({ leadId: lead.leadId }, context({ occurredAt: at('2025-01-12T09:00:00Z') })));
    await run(new RegisterAccountCommand({ accountId: acme, name: 'Acme', kind: 'COMPANY' }, context({ occurredAt: at('2025-02-01T09:00:00Z') })));
    await run(new RegisterAccountCommand({ accountId: globex, name: 'Globex', kind: 'COMPANY', parentAccountId: acme }, context({ occurredAt: at('2025-02-01T10:00:00Z') })));
    await run(new AddContactCommand({ contactId, accountId: acme, firstName: 'Ria', lastName: 'Visser', relationship: 'EMPLOYEE' }, context({ occurredAt: at('2025-02-02T09:00:00Z') })));
    const open = { opportunityId: dealId, accountId: acme, name: 'Ovens', amount: '5000.00', currency: 'EUR', expectedCloseDate: '2025-06-30' };
    await run(new OpenOpportunityCommand(open, context({ occurredAt: at('2025-02-03T09:00:00Z') })));
    await run(new ChangeOpportunityStageCommand({ opportunityId: dealId, stage: 'PROPOSAL' }, context({ occurredAt: at('2025-02-10T09:00:00Z') })));
    await run(new UpdateAccountDetailsCommand({ accountId: acme, name: 'Acme Holding' }, context({ occurredAt: at('2025-03-01T09:00:00Z') })));
    await run(new MoveContactCommand({ contactId, toAccountId: globex, jobTitle: 'Buyer' }, context({ occurredAt: at('2025-03-05T09:00:00Z') })));
    readStore = new SqliteReadStore({ filename: ':memory:' });
    projector = new Projector(app.store, readStore, { log: () => undefined });
    await projector.start();
    asOf = new ReadModelsAsOf(new HistoryService(app.store));
  });
  afterAll(async () => {
    await projector.stop();
    await readStore.close();
    await app.close();
    await app.store.close();
    file.cleanup();
  });

  it('gives, as of now, exactly the documents the projector made', async () => {
    const now = new Date();
    expect(await asOf.lead(lead.leadId, now)).toEqual(await live('leads', lead.leadId));
    expect(await asOf.contact(contactId, now)).toEqual(await live('contacts', contactId));
    expect(await asOf.opportunity(dealId, now)).toEqual(await live('opportunities', dealId));
    const account = await asOf.account(acme, now);
    const { contactCount: _c, activeContactCount: _a, singleThreaded: _s, openOpportunityCount: _o, openPipeline: _p, wonAmount: _w, ...own } = (await live('accounts', acme)) as Doc;
    expect(account).toMatchObject(own);
  });

  it('computes every field as of an earlier instant, timestamps and the account name included', async () => {
    const then = at('2025-02-20T00:00:00Z');
    expect(await asOf.lead(lead.leadId, at('2025-01-11T00:00:00Z'))).toMatchObject({ status: 'NEW', qualifiedAt: null, updatedAt: '2025-01-10T09:00:00.000Z', revision: 0 });
    expect(await asOf.opportunity(dealId, then)).toMatchObject({
      accountName: 'Acme', stage: 'PROPOSAL', stageEnteredAt: '2025-02-10T09:00:00.000Z', createdAt: '2025-02-03T09:00:00.000Z', revision: 1,
    });
    expect(await asOf.contact(contactId, then)).toMatchObject({ accountId: acme, jobTitle: null, firstName: 'Ria', updatedAt: '2025-02-02T09:00:00.000Z' });
    expect(await asOf.account(acme, then)).toMatchObject({ name: 'Acme', createdAt: '2025-02-01T09:00:00.000Z', revision: 0 });
  });

  it('gives null before the entity existed', async () => {
    const before = at('2025-01-01T00:00:00Z');
    expect(await asOf.lead(lead.leadId, before)).toBeNull();
    expect(await asOf.account(acme, before)).toBeNull();
    expect(await asOf.opportunity(dealId, before)).toBeNull();
    expect(await asOf.contact(randomUUID(), new Date())).toBeNull();
  });
});

/**
 * Version 7 ids sort by the millisecond they carry, and a caller's command ids may carry any: as-of
 * answers follow the log (positions within a stream's revisions), never the ids' order.
 */
describe('as of an instant, when the event ids sort against the log', () => {
  const file = tempEventStoreFile();
  let app: RunningApplication;
  let history: HistoryService;
  let asOf: ReadModelsAsOf;
  const [accountId, dealId] = [uuidV7At(Date.UTC(2031, 0, 1), 'account'), uuidV7At(Date.UTC(2030, 0, 1), 'deal')];
  let written: string[] = [];
  /** Each command's id carries an earlier millisecond than the one before it; the last ones share one. */
  const commandIds = [2029, 2028, 2027, 2026].map((year) => uuidV7At(Date.UTC(year, 0, 1), 'command', String(year)))
    .concat([1, 2, 3, 4].map((n) => uuidV7At(Date.UTC(2025, 0, 1), 'same millisecond', String(n))));

  beforeAll(async () => {
    app = await startApplication(file.open());
    const run = (command: object) => app.commands.execute(command as never);
    const as = (i: number, iso: string) => context({ commandId: commandIds[i], occurredAt: at(iso) });
    await run(new RegisterAccountCommand({ accountId, name: 'Initech', kind: 'COMPANY' }, as(0, '2025-04-01T09:00:00Z')));
    const open = { opportunityId: dealId, accountId, name: 'Printers', amount: '900.00', currency: 'EUR', expectedCloseDate: '2025-09-30' };
    await run(new OpenOpportunityCommand(open, as(1, '2025-04-02T09:00:00Z')));
    await run(new ChangeOpportunityStageCommand({ opportunityId: dealId, stage: 'QUALIFICATION' }, as(2, '2025-04-03T09:00:00Z')));
    await run(new UpdateAccountDetailsCommand({ accountId, name: 'Initech Holding' }, as(3, '2025-04-04T09:00:00Z')));
    const stages = ['PROPOSAL', 'NEGOTIATION', 'PROPOSAL', 'NEGOTIATION'];
    for (const [k, stage] of stages.entries()) {
      await run(new ChangeOpportunityStageCommand({ opportunityId: dealId, stage }, as(4 + k, `2025-04-1${k}T09:00:00Z`)));
    }
    history = new HistoryService(app.store);
    asOf = new ReadModelsAsOf(history);
    written = (await readLog(app.store)).map((event) => event.id);
  });
  afterAll(async () => {
    await app.close();
    await app.store.close();
    file.cleanup();
  });

  it('is a case where the ids do sort against the log', () => {
    expect(written.slice(0, 5)).toEqual([...written.slice(0, 5)].sort().reverse());
    expect(new Set(written.slice(4).map(uuidV7Time)).size).toBe(1);
  });

  it('replays each stream by revision and the streams together by position', async () => {
    const events = await history.eventsAsOf('OPPORTUNITY', dealId, new Date());
    expect(events.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await asOf.opportunity(dealId, new Date())).toMatchObject({ accountName: 'Initech Holding', stage: 'NEGOTIATION', revision: 5 });
    expect(await asOf.opportunity(dealId, at('2025-04-03T12:00:00Z'))).toMatchObject({ accountName: 'Initech', stage: 'QUALIFICATION', revision: 1 });
    expect(await asOf.opportunity(dealId, at('2025-04-12T12:00:00Z'))).toMatchObject({
      accountName: 'Initech Holding', stage: 'PROPOSAL', stageEnteredAt: '2025-04-12T09:00:00.000Z', revision: 4,
    });
    expect(await asOf.account(accountId, at('2025-04-03T12:00:00Z'))).toMatchObject({ name: 'Initech', revision: 0 });
  });
});
