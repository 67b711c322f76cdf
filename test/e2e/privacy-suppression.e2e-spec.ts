import { randomUUID } from 'node:crypto';
import type { Role } from '@crm/application';
import { startServer, type RunningServer } from '../support/running-server';
import { ADD_CONTACT, CAPTURE, ERASE, HISTORY, LIFT, PERSONAL_DATA, captureInput, runner, type Data, type Person } from '../support/privacy-fixtures';

const person = (firstName: string, lastName: string, phone: string): Person => ({
  firstName, lastName, email: `${firstName}.${lastName}@Lakenfabriek.nl`, phone, companyName: 'Lakenfabriek Oost B.V.',
});
const expectRefused = (result: { status: number; errors?: Array<{ extensions?: Record<string, unknown> }> }, extensions: Record<string, unknown>) => {
  expect(result.status).toBeLessThan(500);
  expect(result.errors?.[0].extensions).toMatchObject(extensions);
};

describe('suppression of erased people, and who may erase, over HTTP against the running process', () => {
  let server: RunningServer;
  let run: ReturnType<typeof runner>;
  let rep: string, privacy: string;
  let accountId: string;
  /** Erased before the tests, so that a liftSuppression let through would write. */
  const quirinus = person('Quirinus', 'Vlasblom', '06 11223344');
  /** Not erased, so that an erasePerson or personalData let through would write or tell. */
  const viggo = person('Viggo', 'Rietveld', '06 27384950');
  let quirinusLead: string, viggoLead: string;
  const capture = async (who: Person, extra: Data = {}): Promise<string> => (await run(rep, CAPTURE, { input: captureInput(who, extra) })).captureLead.lead.id;
  const erase = async (leadId: string): Promise<Data> => (await run(privacy, ERASE, { input: { leadId, reason: 'RETENTION' } })).erasePerson;

  beforeAll(async () => {
    server = await startServer();
    run = runner(server);
    [rep, privacy] = await Promise.all([server.token('rep'), server.token('privacy')]);
    accountId = (await run(rep, 'mutation { registerAccount(input: { name: "Lakenfabriek Oost B.V.", kind: COMPANY }) { account { id } } }')).registerAccount.account.id;
    [quirinusLead, viggoLead] = [await capture(quirinus), await capture(viggo)];
    await erase(quirinusLead);
  });
  afterAll(async () => server.stop());

  it('keeps an erased person out, under any spelling, until privacy lifts it, on the record', async () => {
    const tjitske = person('Tjitske', 'Overdiep', '0612 987 654');
    const leadId = await capture(tjitske);
    const other = await capture(person('Wubbo', 'Nijhuis', '06 22446688'));
    const { subjectId } = await erase(leadId);
    const head = await server.embedded.headPosition();
    const suppressed = { code: 'RULE_VIOLATION', reason: 'PERSON_SUPPRESSED' };
    const upperEmail = ` ${tjitske.email.toUpperCase()}  `;
    expectRefused(await server.gql(rep, CAPTURE, { input: captureInput(tjitske, { email: upperEmail, phone: undefined }) }), suppressed);
    expectRefused(await server.gql(rep, CAPTURE, { input: captureInput(tjitske, { email: 'new@elders.nl', phone: '+31 612 98 76 54' }) }), suppressed);
    expectRefused(await server.gql(rep, ADD_CONTACT, { input: { accountId, firstName: 'T.', lastName: 'O.', phone: '06-12987654', relationship: 'EMPLOYEE' } }), suppressed);
    expectRefused(await server.gql(rep, 'mutation ($input: UpdateLeadDetailsInput!) { updateLeadDetails(input: $input) { revision } }',
      { input: { leadId: other, email: tjitske.email.toLowerCase() } }), suppressed);
    const erasedPerson = { code: 'RULE_VIOLATION', reason: 'PERSON_ERASED' };
    expectRefused(await server.gql(rep, 'mutation ($id: ID!) { startWorkingLead(input: { leadId: $id }) { revision } }', { id: leadId }), erasedPerson);
    expectRefused(await server.gql(rep, 'mutation ($id: ID!) { updateLeadDetails(input: { leadId: $id, jobTitle: "Weaver" }) { revision } }', { id: leadId }), erasedPerson);
    expect(await server.embedded.headPosition()).toBe(head);

    const lifted = (await run(privacy, LIFT, { input: { email: upperEmail, reason: 'She asked to be contacted again', commandId: randomUUID() } })).liftSuppression.lifted;
    expect(lifted).toEqual([{ kind: 'EMAIL', subjectId }]);
    const history = (await run(await server.token('auditor'), HISTORY, { type: 'LEAD', id: leadId })).history.edges.map((e: Data) => e.node);
    expect(history.map((e: Data) => e.type)).toEqual(['LeadCaptured', 'PersonErased', 'SuppressionLifted']);
    expect(history[2].data).toMatchObject({ kind: 'EMAIL', reason: 'She asked to be contacted again' });
    expect(JSON.stringify(history).toLowerCase()).not.toContain('tjitske');

    const back = (await run(rep, CAPTURE, { input: captureInput(tjitske, { phone: undefined }) })).captureLead.lead;
    expect(back).toMatchObject({ erased: false, firstName: 'Tjitske', email: 'Tjitske.Overdiep@lakenfabriek.nl' });
    expect(back.id).not.toBe(leadId);
    // Only the email was lifted: the phone stays suppressed, and lifting the email again lifts nothing.
    expectRefused(await server.gql(rep, CAPTURE, { input: captureInput(tjitske, { email: 'other@elders.nl' }) }), suppressed);
    expect((await run(privacy, LIFT, { input: { email: tjitske.email, reason: 'again' } })).liftSuppression.lifted).toEqual([]);
  });

  describe('who may use the privacy operations', () => {
    const operations: Array<[string, () => [string, Data]]> = [
      ['erasePerson', () => [ERASE, { input: { leadId: viggoLead, reason: 'OTHER' } }]],
      ['liftSuppression', () => [LIFT, { input: { email: quirinus.email, reason: 'let me' } }]],
      ['personalData', () => [PERSONAL_DATA, { email: viggo.email }]],
    ];
    const matrix = (['rep', 'manager', 'auditor', 'analyst'] as Role[]).flatMap((role) => operations.map(([name, op]) => [role, name, op] as const));

    it.each(matrix)('refuses %s the %s operation as FORBIDDEN, writing nothing', async (role, _, op) => {
      const head = await server.embedded.headPosition();
      const [query, variables] = op();
      const result = await server.gql(await server.token(role), query, variables);
      expectRefused(result, { code: 'FORBIDDEN' });
      expect(result.data).toBeNull();
      expect(await server.embedded.headPosition()).toBe(head);
    });

    it.each(operations)('refuses %s without a token as UNAUTHENTICATED', async (_, op) => {
      const [query, variables] = op();
      expectRefused(await server.gql(null, query, variables), { code: 'UNAUTHENTICATED' });
    });

    it('lets admin erase a person', async () => {
      const leadId = await capture(person('Aafke', 'Zwanenburg', '06 41239876'));
      const erased = (await run(await server.token('admin'), ERASE, { input: { leadId, reason: 'OTHER' } })).erasePerson;
      expect(erased.streams).toEqual([{ type: 'LEAD', id: leadId }]);
      expect((await run(rep, 'query ($id: ID!) { lead(id: $id) { erased firstName } }', { id: leadId })).lead).toEqual({ erased: true, firstName: null });
    });
  });

  describe('bad input never reaches the store and never yields a 500', () => {
    const unknown = randomUUID();
    const cases: Array<[string, () => Data, Record<string, unknown>]> = [
      ['both a leadId and a contactId', () => ({ leadId: viggoLead, contactId: unknown, reason: 'OTHER' }), { code: 'BAD_USER_INPUT', fields: expect.arrayContaining([expect.objectContaining({ field: 'leadId' })]) }],
      ['neither a leadId nor a contactId', () => ({ reason: 'OTHER' }), { code: 'BAD_USER_INPUT', fields: expect.arrayContaining([expect.objectContaining({ field: 'contactId' })]) }],
      ['a lead that does not exist', () => ({ leadId: unknown, reason: 'OTHER' }), { code: 'NOT_FOUND' }],
      ['a contact that does not exist', () => ({ contactId: unknown, reason: 'OTHER' }), { code: 'NOT_FOUND' }],
      ['an unknown reason in variables', () => ({ leadId: viggoLead, reason: 'FORGET_ME' }), { code: 'BAD_USER_INPUT' }],
    ];
    it.each(cases)('refuses an erasure with %s', async (_, input, extensions) => {
      const head = await server.embedded.headPosition();
      expectRefused(await server.gql(privacy, ERASE, { input: input() }), extensions);
      expect(await server.embedded.headPosition()).toBe(head);
    });

    it('refuses an unknown reason written in the query as bad input naming the field', async () => {
      const result = await server.gql(privacy, `mutation { erasePerson(input: { leadId: "${viggoLead}", reason: FORGET_ME }) { subjectId } }`);
      expectRefused(result, { code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'reason' })] });
      expect(result.errors?.[0].message).toContain('FORGET_ME');
    });

    it('refuses an access request without an email or a phone', async () => {
      expectRefused(await server.gql(privacy, PERSONAL_DATA, {}), { code: 'BAD_USER_INPUT', fields: expect.any(Array) });
    });
  });
});
