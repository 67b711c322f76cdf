import { randomUUID } from 'node:crypto';
import { accountStream, contactStream, leadStream, opportunityStream } from '@crm/domain';
import { collectStream, type EventStore, type RecordedEvent } from '@crm/event-store';
import { RegisterAccountCommand } from '../accounts/register-account.command';
import { derivedUuid, newId, uuidV7Time } from '../core/event-ids';
import { LeadConversionRunner } from './lead-conversion.runner';
import { CaptureLeadCommand } from './capture-lead.command';
import { ConvertLeadCommand } from './convert-lead.command';
import { QualifyLeadCommand } from './qualify-lead.command';
import { faultyEventStore, InjectedCrash } from '../testing/faulty-event-store';
import { MemoryCheckpoints, startApplication, tempEventStoreFile } from '../testing/application-harness';
import { context, leadInput } from '../testing/commands';

const readLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

const streamsOf = (log: RecordedEvent[], category: string): string[] =>
  [...new Set(log.filter((e) => e.streamName.startsWith(`${category}-`)).map((e) => e.streamName))];

/** What a user could ever observe: no duplicates, and never a contact or deal without its account. */
const expectConsistent = async (store: EventStore): Promise<void> => {
  const log = await readLog(store);
  const accounts = streamsOf(log, 'account');
  expect(accounts.length).toBeLessThanOrEqual(1);
  expect(streamsOf(log, 'contact').length).toBeLessThanOrEqual(1);
  expect(streamsOf(log, 'opportunity').length).toBeLessThanOrEqual(1);
  if (streamsOf(log, 'contact').length > 0) expect(accounts).toHaveLength(1);
};

const expectConverted = async (store: EventStore, leadId: string): Promise<void> => {
  const log = await readLog(store);
  const [account] = streamsOf(log, 'account');
  const contact = log.find((e) => e.type === 'ContactAdded');
  const opportunity = log.find((e) => e.type === 'OpportunityOpened');
  expect(log.filter((e) => e.type === 'LeadConverted')).toHaveLength(1);
  expect(streamsOf(log, 'account')).toHaveLength(1);
  expect(log.filter((e) => e.type === 'ContactAdded')).toHaveLength(1);
  expect(log.filter((e) => e.type === 'OpportunityOpened')).toHaveLength(1);
  expect(contact?.data).toMatchObject({ accountId: account.slice('account-'.length), sourceLeadId: leadId });
  expect(opportunity?.data).toMatchObject({ accountId: account.slice('account-'.length), primaryContactId: contact?.data.contactId });
};

/**
 * The ids a conversion writes, from its command id alone: the LeadConverted event, the new entities,
 * and the events of the process's steps, whose command ids derive from the LeadConverted event id.
 */
const conversionIds = (leadId: string, commandId: string) => {
  const convertedId = derivedUuid(commandId, leadStream(leadId), '0');
  const [accountId, contactId, opportunityId] = ['account', 'contact', 'opportunity'].map((name) => derivedUuid(commandId, name));
  const stepEvent = (step: string, stream: string) => [stream, derivedUuid(derivedUuid(convertedId, step), stream, '0')];
  return [
    [leadStream(leadId), convertedId],
    stepEvent('account', accountStream(accountId)),
    stepEvent('contact', contactStream(contactId)),
    stepEvent('opportunity', opportunityStream(opportunityId)),
  ];
};

const idsWrittenAfter = (log: RecordedEvent[], position: bigint): string[][] =>
  log.filter((e) => e.position > position).map((e) => [e.streamName, e.id]);

const conversion = (leadId: string) => ({
  leadId,
  account: { kind: 'COMPANY' as const, industry: 'Food' },
  opportunity: { name: 'Ovens 2027', amount: '48000.00', currency: 'EUR' },
});

describe('ConvertLead happens entirely or not at all', () => {
  const steps = [
    [1, 'LeadConverted'],
    [2, 'AccountRegistered'],
    [3, 'ContactAdded'],
    [4, 'OpportunityOpened'],
  ] as const;

  describe.each([['version 4', randomUUID], ['version 7', newId]] as const)('with %s ids', (_version, newUuid) => {
    describe.each(['before', 'after'] as const)('a crash %s an append', (when) => {
      it.each(steps)('at step %i (%s) leaves no duplicate and completes on retry, and on restart, with the same ids', async (step) => {
        for (const recovery of ['retry', 'restart'] as const) {
          const file = tempEventStoreFile();
          const store = file.open();
          const checkpoints = new MemoryCheckpoints();
          try {
            const setup = await startApplication(store, checkpoints);
            const lead = leadInput(newUuid());
            await setup.commands.execute(new CaptureLeadCommand(lead, context({ commandId: newUuid() })));
            await setup.commands.execute(new QualifyLeadCommand({ leadId: lead.leadId }, context({ commandId: newUuid() })));
            await setup.close();
            const qualified = (await store.headPosition())!;

            const ctx = context({ commandId: newUuid() });
            const crashing = await startApplication(faultyEventStore(store, step, when), checkpoints);
            await expect(crashing.commands.execute(new ConvertLeadCommand(conversion(lead.leadId), ctx))).rejects.toBeInstanceOf(InjectedCrash);
            await crashing.close();
            await expectConsistent(store);

            const restarted = await startApplication(store, checkpoints);
            if (recovery === 'retry') {
              await restarted.commands.execute(new ConvertLeadCommand(conversion(lead.leadId), ctx));
            } else {
              await restarted.context.get(LeadConversionRunner).catchUp();
              const converted = (await collectStream(store, leadStream(lead.leadId))).some((e) => e.type === 'LeadConverted');
              // Before LeadConverted was stored the conversion left no trace; the user's retry does it.
              if (!converted) await restarted.commands.execute(new ConvertLeadCommand(conversion(lead.leadId), ctx));
            }
            await restarted.context.get(LeadConversionRunner).catchUp();
            await restarted.close();
            await expectConverted(store, lead.leadId);
            const written = idsWrittenAfter(await readLog(store), qualified);
            expect(written).toEqual(conversionIds(lead.leadId, ctx.commandId));
            // A version 7 command id: everything the conversion wrote carries its millisecond.
            const time = uuidV7Time(ctx.commandId);
            expect(written.map(([, id]) => uuidV7Time(id))).toEqual(written.map(() => time));
          } finally {
            await store.close();
            file.cleanup();
          }
        }
      });
    });
  });
});

describe('ConvertLead into an existing account', () => {
  it('fills only the empty fields of the account and never overwrites', async () => {
    const file = tempEventStoreFile();
    const app = await startApplication(file.open());
    try {
      const accountId = randomUUID();
      await app.commands.execute(new RegisterAccountCommand({ accountId, name: 'Jansen Groep', kind: 'COMPANY', domain: null, industry: 'Retail' }, context()));
      const lead = leadInput();
      await app.commands.execute(new CaptureLeadCommand(lead, context()));
      await app.commands.execute(new QualifyLeadCommand({ leadId: lead.leadId }, context()));
      const outcome = await app.commands.execute(
        new ConvertLeadCommand({ leadId: lead.leadId, existingAccountId: accountId, account: { industry: 'Food' } }, context()),
      );
      expect(outcome.account.state).toMatchObject({ name: 'Jansen Groep', industry: 'Retail', domain: 'bakkerij-jansen.nl' });
      expect(outcome.contact.state).toMatchObject({ accountId, status: 'ACTIVE' });
      expect(outcome.opportunity).toBeNull();
      const accountEvents = await collectStream(app.store, accountStream(accountId));
      expect(accountEvents.map((e) => e.type)).toEqual(['AccountRegistered', 'AccountDetailsUpdated']);
    } finally {
      await app.close();
      await app.store.close();
      file.cleanup();
    }
  });

  it('refuses an existing account that does not exist, and writes nothing', async () => {
    const file = tempEventStoreFile();
    const app = await startApplication(file.open());
    try {
      const lead = leadInput();
      await app.commands.execute(new CaptureLeadCommand(lead, context()));
      await app.commands.execute(new QualifyLeadCommand({ leadId: lead.leadId }, context()));
      const head = await app.store.headPosition();
      await expect(
        app.commands.execute(new ConvertLeadCommand({ leadId: lead.leadId, existingAccountId: randomUUID() }, context())),
      ).rejects.toMatchObject({ code: 'RULE_VIOLATION', reason: 'ACCOUNT_NOT_FOUND' });
      expect(await app.store.headPosition()).toBe(head);
    } finally {
      await app.close();
      await app.store.close();
      file.cleanup();
    }
  });
});
