import { contactStream, leadStream, RuleViolation } from '@crm/domain';
import { collectStream, WrongExpectedRevisionError } from '@crm/event-store';
import { AddContactCommand } from '../contacts/add-contact.command';
import { RegisterAccountCommand } from '../accounts/register-account.command';
import { CaptureLeadCommand } from '../leads/capture-lead.command';
import { ConvertLeadCommand } from '../leads/convert-lead.command';
import { QualifyLeadCommand } from '../leads/qualify-lead.command';
import { UpdateLeadDetailsCommand } from '../leads/update-lead-details.command';
import type { ErasureRequest, KeyStore } from '@crm/key-store';
import { startApplication, tempEventStoreFile, type RunningApplication } from '../testing/application-harness';
import { context, leadInput } from '../testing/commands';
import { ErasePersonCommand } from './erase-person.command';
import { LiftSuppressionCommand } from './lift-suppression.command';

describe('erasure in the application', () => {
  const file = tempEventStoreFile();
  let app: RunningApplication;
  beforeAll(async () => {
    app = await startApplication(file.open());
  });
  afterAll(async () => {
    await app.close();
    await app.store.close();
    file.cleanup();
  });

  it('ends consistently when writes to the same lead race it: nothing after PersonErased, every write before it or refused', async () => {
    const lead = leadInput();
    await app.commands.execute(new CaptureLeadCommand(lead, context()));
    const writes = Array.from({ length: 12 }, (_, i) => app.commands.execute(new UpdateLeadDetailsCommand({ leadId: lead.leadId, jobTitle: `Title ${i}` }, context())));
    const erasure = app.commands.execute(new ErasePersonCommand({ leadId: lead.leadId, reason: 'DATA_SUBJECT_REQUEST' }, context({ actor: 'dpo-1' })));
    const settled = await Promise.allSettled([...writes, erasure]);
    expect(settled[settled.length - 1]).toMatchObject({ status: 'fulfilled' });
    for (const result of settled.slice(0, -1)) {
      if (result.status === 'rejected') {
        const refused = result.reason instanceof RuleViolation ? result.reason.reason : result.reason instanceof WrongExpectedRevisionError;
        expect([ 'PERSON_ERASED', true ]).toContain(refused);
      }
    }
    const events = await collectStream(app.store, leadStream(lead.leadId));
    expect(events[events.length - 1].type).toBe('PersonErased');
    expect(events.filter((e) => e.type === 'PersonErased')).toHaveLength(1);
    expect(events.every((e) => e.data.jobTitle === undefined || e.data.jobTitle === null)).toBe(true);
    expect(events.filter((e) => e.type === 'LeadDetailsUpdated').every((e) => (e.data.changes as Record<string, unknown>).jobTitle === null)).toBe(true);
    await expect(app.commands.execute(new UpdateLeadDetailsCommand({ leadId: lead.leadId, jobTitle: 'Later' }, context()))).rejects.toMatchObject({ reason: 'PERSON_ERASED' });
  });

  it('suppresses every email and phone the person had, in any case or spacing, until lifted on the record', async () => {
    const lead = leadInput();
    const email = `first.${lead.leadId.slice(0, 8)}@Example.org`;
    const phone = `+31 20 ${lead.leadId.replace(/\D/g, '').slice(0, 3)} 4567`;
    await app.commands.execute(new CaptureLeadCommand({ ...lead, email, phone: null }, context()));
    await app.commands.execute(new UpdateLeadDetailsCommand({ leadId: lead.leadId, email: `second.${email}`, phone }, context()));
    const erased = await app.commands.execute(new ErasePersonCommand({ leadId: lead.leadId, reason: 'RETENTION' }, context()));

    const refused = (data: Partial<ReturnType<typeof leadInput>>) =>
      expect(app.commands.execute(new CaptureLeadCommand({ ...leadInput(), ...data }, context()))).rejects.toMatchObject({ reason: 'PERSON_SUPPRESSED' });
    await refused({ email: ` ${email.toUpperCase()} `, phone: undefined });
    await refused({ email: `SECOND.${email}`, phone: undefined });
    await refused({ email: undefined, phone: phone.replace(/ /g, '') });
    const account = await app.commands.execute(new RegisterAccountCommand({ accountId: leadInput().leadId, name: 'Other B.V.', kind: 'COMPANY' }, context()));
    const contact = (data: { email?: string | null }) =>
      new AddContactCommand({ contactId: leadInput().leadId, accountId: account.streamName.slice(8), firstName: 'A', lastName: 'B', relationship: 'EMPLOYEE', ...data }, context());
    await expect(app.commands.execute(contact({ email }))).rejects.toMatchObject({ reason: 'PERSON_SUPPRESSED' });

    const lifted = await app.commands.execute(new LiftSuppressionCommand({ email: email.toLowerCase(), reason: 'They asked to be contacted again' }, context({ actor: 'dpo-1' })));
    expect(lifted).toEqual([{ kind: 'EMAIL', subjectId: erased.subjectId }]);
    const history = await collectStream(app.store, leadStream(lead.leadId));
    expect(history[history.length - 1]).toMatchObject({ type: 'SuppressionLifted', data: { kind: 'EMAIL', reason: 'They asked to be contacted again' }, metadata: { actor: 'dpo-1' } });
    await expect(app.commands.execute(contact({ email }))).resolves.toMatchObject({ appended: 1 });
    await refused({ email: `second.${email}`, phone: undefined });
  });

  it('refuses bad requests as bad input and an unknown person as not found, writing nothing', async () => {
    const head = await app.store.headPosition();
    const lead = leadInput();
    await expect(app.commands.execute(new ErasePersonCommand({ reason: 'OTHER' }, context()))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(app.commands.execute(new ErasePersonCommand({ leadId: lead.leadId, contactId: lead.leadId, reason: 'OTHER' }, context()))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(app.commands.execute(new ErasePersonCommand({ leadId: lead.leadId, reason: 'FORGET' }, context()))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(app.commands.execute(new ErasePersonCommand({ leadId: lead.leadId, reason: 'OTHER' }, context()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(app.commands.execute(new LiftSuppressionCommand({ reason: 'x' }, context()))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(app.commands.execute(new LiftSuppressionCommand({ email: 'not an email', reason: 'x' }, context()))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await app.store.headPosition()).toBe(head);
  });

  it('erases the contact of a conversion, and suppresses an email, that landed after it looked the person up', async () => {
    // The erasure is held after it looked the person up and before its first write; meanwhile the
    // lead converts and changes its email. Held by a gate, not a timer: the order is certain.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const beginErasure = async (keyStore: KeyStore, request: ErasureRequest) => {
      held();
      await gate;
      return keyStore.beginErasure(request);
    };
    const gated = await startApplication(file.open(), undefined, (keyStore) => new Proxy(keyStore, {
      get: (target, property) => (property === 'beginErasure' ? (request: ErasureRequest) => beginErasure(target, request) : Reflect.get(target, property)),
    }));
    try {
      const lead = leadInput();
      const newEmail = `late.${lead.leadId.slice(0, 8)}@example.org`;
      await gated.commands.execute(new CaptureLeadCommand({ ...lead, phone: undefined, email: `first.${lead.leadId.slice(0, 8)}@example.org` }, context()));
      await gated.commands.execute(new QualifyLeadCommand({ leadId: lead.leadId }, context()));
      const erasure = gated.commands.execute(new ErasePersonCommand({ leadId: lead.leadId, reason: 'DATA_SUBJECT_REQUEST' }, context()));
      await holding;
      await gated.commands.execute(new UpdateLeadDetailsCommand({ leadId: lead.leadId, email: newEmail }, context()));
      const converted = await gated.commands.execute(new ConvertLeadCommand({ leadId: lead.leadId }, context()));
      open();
      const erased = await erasure;
      const contactId = converted.contact.streamName.slice('contact-'.length);
      expect(erased.streams).toEqual([{ type: 'LEAD', id: lead.leadId }, { type: 'CONTACT', id: contactId }]);
      expect((await collectStream(gated.store, contactStream(contactId))).map((e) => e.type)).toEqual(['ContactAdded', 'PersonErased']);
      await expect(gated.commands.execute(new CaptureLeadCommand({ ...leadInput(), phone: undefined, email: newEmail }, context()))).rejects.toMatchObject({ reason: 'PERSON_SUPPRESSED' });
    } finally {
      open();
      await gated.close();
      await gated.store.close();
    }
  });

  it('erases a person whose email another erased person had, and their converted contact', async () => {
    const email = `shared.${leadInput().leadId.slice(0, 8)}@example.org`;
    const first = leadInput();
    const second = leadInput();
    await app.commands.execute(new CaptureLeadCommand({ ...first, phone: undefined, email }, context()));
    await app.commands.execute(new CaptureLeadCommand({ ...second, phone: undefined, email }, context()));
    await app.commands.execute(new QualifyLeadCommand({ leadId: second.leadId }, context()));
    await app.commands.execute(new ErasePersonCommand({ leadId: first.leadId, reason: 'OTHER' }, context()));
    const converted = await app.commands.execute(new ConvertLeadCommand({ leadId: second.leadId }, context()));
    expect(converted.contact.appended).toBe(1);
    const erased = await app.commands.execute(new ErasePersonCommand({ leadId: second.leadId, reason: 'OTHER' }, context()));
    expect(erased.streams.map((s) => s.type)).toEqual(['LEAD', 'CONTACT']);
  });

  it('suppresses an email in every form the domain stores as the same address', async () => {
    const lead = leadInput();
    const local = `wide.${lead.leadId.slice(0, 8)}`;
    await app.commands.execute(new CaptureLeadCommand({ ...lead, phone: undefined, email: `${local}@acme.nl` }, context()));
    await app.commands.execute(new ErasePersonCommand({ leadId: lead.leadId, reason: 'OTHER' }, context()));
    await expect(app.commands.execute(new CaptureLeadCommand({ ...leadInput(), phone: undefined, email: `${local}@ＡＣＭＥ.nl` }, context()))).rejects.toMatchObject({ reason: 'PERSON_SUPPRESSED' });
  });
});
