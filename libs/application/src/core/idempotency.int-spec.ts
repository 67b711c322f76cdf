import { createHash, randomUUID } from 'node:crypto';
import { accountDecider, accountStream, leadStream, type RegisterAccount } from '@crm/domain';
import { canonicalJson, collectStream, genesisHash } from '@crm/event-store';
import { RegisterAccountCommand } from '../accounts/register-account.command';
import { CaptureLeadCommand } from '../leads/capture-lead.command';
import { ConvertLeadCommand } from '../leads/convert-lead.command';
import { QualifyLeadCommand } from '../leads/qualify-lead.command';
import { UpdateLeadDetailsCommand } from '../leads/update-lead-details.command';
import { ErasePersonCommand } from '../privacy/erase-person.command';
import { startApplication, tempEventStoreFile, testPersonalData, type RunningApplication } from '../testing/application-harness';
import { context, leadInput } from '../testing/commands';
import { chainEvents, toNewEvents } from './aggregate-store';
import { CommandFingerprints, FINGERPRINT_KEY } from './command-fingerprint';
import { IdempotencyKeyReusedError } from './idempotency.errors';

/** A person of their own: erasing one suppresses their email and phone for every later test of the file. */
const person = (leadId?: string) => ({ ...leadInput(leadId), email: `${randomUUID()}@example.nl`, phone: null });

const account = (overrides: Partial<RegisterAccount['data']> = {}) => ({ accountId: randomUUID(), name: 'Bakkerij Jansen B.V.', kind: 'COMPANY' as const, ...overrides });

describe('a command id is an idempotency key: the same input is answered again, another input is refused', () => {
  const file = tempEventStoreFile();
  let app: RunningApplication;
  const logSize = async (): Promise<bigint | null> => app.store.headPosition();
  beforeEach(async () => {
    app = await startApplication(file.open());
  });
  afterEach(async () => {
    await app.close();
    await app.store.close();
  });
  afterAll(() => file.cleanup());

  it('answers a retry with the same input as replayed, with the first answer, writing nothing', async () => {
    const ctx = context();
    const input = person();
    const first = await app.commands.execute(new CaptureLeadCommand(input, ctx));
    const head = await logSize();
    // The same input, its keys in another order and with an absent field spelled undefined.
    const retry = await app.commands.execute(new CaptureLeadCommand({ ...Object.fromEntries(Object.entries(input).reverse()) as typeof input, sourceDetail: undefined }, ctx));
    expect(first).toMatchObject({ replayed: false, appended: 1 });
    expect(retry).toMatchObject({ replayed: true, appended: 0, revision: first.revision, position: first.position });
    expect(await logSize()).toBe(head);
  });

  it.each([
    ['a lead (a person\'s stream)', () => new CaptureLeadCommand(person(), context()), (c: CaptureLeadCommand) => new CaptureLeadCommand({ ...c.data, email: 'other@example.nl' }, c.context)],
    ['an account', () => new RegisterAccountCommand(account(), context()), (c: RegisterAccountCommand) => new RegisterAccountCommand({ ...c.data, name: 'Other B.V.' }, c.context)],
  ] as const)('refuses the same command id with another input on %s as IDEMPOTENCY_KEY_REUSED, writing nothing', async (_name, first, reused) => {
    const command = first();
    await app.commands.execute(command);
    const head = await logSize();
    const refused = app.commands.execute(reused(command as never));
    await expect(refused).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED', commandId: command.context.commandId });
    expect(await logSize()).toBe(head);
  });

  it('answers a retry racing its first try in this process as replayed, or refuses it for another input', async () => {
    const capture = (data: ReturnType<typeof person>, ctx: ReturnType<typeof context>) => app.commands.execute(new CaptureLeadCommand(data, ctx));
    const input = person();
    const ctx = context();
    const [a, b] = await Promise.all([capture(input, ctx), capture(input, ctx)]);
    expect([a.replayed, b.replayed]).toEqual([false, true]);

    const other = person();
    const reused = context();
    const settled = await Promise.allSettled([capture(other, reused), capture({ ...other, lastName: 'de Vries' }, reused)]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyKeyReusedError);
    const events = await collectStream(app.store, leadStream(other.leadId));
    expect(events.map((event) => event.data.lastName)).toEqual(['de Boer']);
  });

  it('tells a reused command id also in another process, from the stored events alone', async () => {
    const command = new QualifyLeadCommand({ leadId: randomUUID() }, context());
    await app.commands.execute(new CaptureLeadCommand(person(command.data.leadId), context()));
    await app.commands.execute(command);
    const other = await startApplication(file.open());
    try {
      await expect(other.commands.execute(new QualifyLeadCommand(command.data, command.context))).resolves.toMatchObject({ replayed: true });
      await expect(other.commands.execute(new CaptureLeadCommand(person(command.data.leadId), command.context))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    } finally {
      await other.close();
      await other.store.close();
    }
  });

  it('answers a command written before fingerprints were kept as replayed, whatever the input', async () => {
    const data = account();
    const ctx = context();
    const decided = accountDecider.decide({ type: 'RegisterAccount', data, metadata: { now: '2026-01-05T10:00:00.000Z', actor: 'rep-1' } }, accountDecider.initialState());
    const stream = accountStream(data.accountId);
    const events = chainEvents(toNewEvents(decided, stream, ctx, new Date('2026-01-05T10:00:00Z'), null), genesisHash(stream), null);
    await app.store.appendToStream(stream, events, 'no_stream');
    await expect(app.commands.execute(new RegisterAccountCommand({ ...data, name: 'Other' }, ctx))).resolves.toMatchObject({ replayed: true, appended: 0 });
  });

  it('keys a person\'s fingerprints with their data key, so once they are erased no guess about them can be confirmed', async () => {
    const lead = person();
    await app.commands.execute(new CaptureLeadCommand(lead, context()));
    // Names only: a retry that carries an erased person's email or phone is refused by the suppression list first.
    const update = { leadId: lead.leadId, firstName: 'Sanne', lastName: 'van Dijk', jobTitle: 'Hoofd inkoop' };
    const ctx = context();
    await app.commands.execute(new UpdateLeadDetailsCommand(update, ctx));
    const events = await collectStream(app.store, leadStream(lead.leadId));
    const stored = events[events.length - 1].metadata[FINGERPRINT_KEY];
    const text = canonicalJson(JSON.parse(JSON.stringify(update)));
    const unkeyed = (value: string) => createHash('sha256').update(value).digest('base64url');
    expect(stored).toEqual(expect.any(String));
    expect([unkeyed(text), unkeyed(`pipeline-crm command input v1\0${text}`)]).not.toContain(stored);

    await app.commands.execute(new ErasePersonCommand({ leadId: lead.leadId, reason: 'DATA_SUBJECT_REQUEST' }, context({ actor: 'dpo-1' })));
    const fingerprints = new CommandFingerprints(testPersonalData().personalData.keys);
    expect(await fingerprints.of(update, String(events[0].data.subjectId))).toBeNull();
    // The right guess and a wrong one are answered alike: replayed, nothing written.
    const head = await logSize();
    await expect(app.commands.execute(new UpdateLeadDetailsCommand(update, ctx))).resolves.toMatchObject({ replayed: true });
    await expect(app.commands.execute(new UpdateLeadDetailsCommand({ ...update, lastName: 'de Vries' }, ctx))).resolves.toMatchObject({ replayed: true });
    expect(await logSize()).toBe(head);
  });

  it('answers an erasure asked again as replayed', async () => {
    const input = person();
    await app.commands.execute(new CaptureLeadCommand(input, context()));
    const erase = () => app.commands.execute(new ErasePersonCommand({ leadId: input.leadId, reason: 'RETENTION' }, context({ actor: 'dpo-1' })));
    await expect(erase()).resolves.toMatchObject({ replayed: false });
    await expect(erase()).resolves.toMatchObject({ replayed: true });
  });

  describe('ConvertLead, whose process derives command ids from the conversion', () => {
    const convert = (leadId: string) => ({ leadId, account: { kind: 'COMPANY' as const }, opportunity: { name: 'Ovens', amount: '48000.00', currency: 'EUR' } });
    const qualifiedLead = async (): Promise<string> => {
      const { leadId } = person();
      await app.commands.execute(new CaptureLeadCommand(person(leadId), context()));
      await app.commands.execute(new QualifyLeadCommand({ leadId }, context()));
      return leadId;
    };

    it('answers a retry after the conversion as replayed, every step of it too, writing nothing', async () => {
      const leadId = await qualifiedLead();
      const ctx = context();
      const first = await app.commands.execute(new ConvertLeadCommand(convert(leadId), ctx));
      const head = await logSize();
      const retry = await app.commands.execute(new ConvertLeadCommand(convert(leadId), ctx));
      expect(first.lead.replayed).toBe(false);
      expect([first.account, first.contact, first.opportunity].map((step) => step?.replayed)).toEqual([false, false, false]);
      expect([retry.lead, retry.account, retry.contact, retry.opportunity].map((step) => step?.replayed)).toEqual([true, true, true, true]);
      expect(retry.opportunity?.streamName).toBe(first.opportunity?.streamName);
      expect(await logSize()).toBe(head);
    });

    it('refuses the conversion\'s command id with another input, writing nothing', async () => {
      const leadId = await qualifiedLead();
      const ctx = context();
      await app.commands.execute(new ConvertLeadCommand(convert(leadId), ctx));
      const head = await logSize();
      const other = { ...convert(leadId), opportunity: { name: 'Ovens', amount: '1.00', currency: 'EUR' } };
      await expect(app.commands.execute(new ConvertLeadCommand(other, ctx))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await logSize()).toBe(head);
    });
  });
});
