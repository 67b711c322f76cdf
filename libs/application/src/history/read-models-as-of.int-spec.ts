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
import { HistoryService } from './history.service';
import { ReadModelsAsOf } from './read-models-as-of';

const at = (iso: string) => new Date(iso);
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
