import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChains } from '@crm/application';
import { SqliteEventStore } from '@crm/event-store';
import { startServer, type RunningServer } from '../support/running-server';
import {
  ADD_CONTACT, CAPTURE, CONTACT_FIELDS, ERASE, HISTORY, LEAD_FIELDS, PERSONAL_DATA, captureAndConvert, captureInput, runner, scanFiles, waitUntil,
  type Data, type Person,
} from '../support/privacy-fixtures';

const XANTHIPPE: Person = {
  firstName: 'Xanthippe', lastName: 'Quellwasser', email: 'Xanthippe.Quellwasser@zeepziederij-noord.nl', phone: '06 48217739', companyName: 'Zeepziederij Noord B.V.',
};
const STORED_PHONE = '+31648217739';
/** A colleague at the same account, and a stranger with the same company and mail domain: neither is erased. */
const OTTOLINE: Person = { firstName: 'Ottoline', lastName: 'Brandewijn', email: 'ottoline@zeepziederij-noord.nl', phone: '06 37715402', companyName: XANTHIPPE.companyName };
const HIERONYMUS: Person = { firstName: 'Hieronymus', lastName: 'Klaverblad', email: 'h.klaverblad@zeepziederij-noord.nl', phone: '06 55019283', companyName: XANTHIPPE.companyName };

const LEADS = `{ leads(first: 10) { totalCount edges { node { ${LEAD_FIELDS} } } } }`;
const CONTACTS = `{ contacts(first: 10) { totalCount edges { node { ${CONTACT_FIELDS} } } } }`;
const SEARCH = 'query ($q: String!) { leads(filter: { search: $q }) { totalCount edges { node { id } } } }';
const LEAD_AS_OF = 'query ($id: ID!, $t: DateTime) { lead(id: $id, asOf: $t) { status firstName lastName fullName email phone jobTitle sourceDetail } }';

describe('erasing a person: crypto-shredding over HTTP against the running process', () => {
  let server: RunningServer;
  let run: ReturnType<typeof runner>;
  let rep: string, privacy: string, auditor: string, analyst: string;
  let xanthippe: { leadId: string; contactId: string; accountId: string; capturedAt: string };
  let ottolineId: string, hieronymusId: string;
  let stopped = false;

  beforeAll(async () => {
    server = await startServer();
    run = runner(server);
    [rep, privacy, auditor, analyst] = await Promise.all([server.token('rep'), server.token('privacy'), server.token('auditor'), server.token('analyst')]);
    xanthippe = await captureAndConvert(run, rep, XANTHIPPE);
    ottolineId = (await run(rep, ADD_CONTACT, { input: { ...OTTOLINE, companyName: undefined, accountId: xanthippe.accountId, relationship: 'EMPLOYEE' } })).addContact.contact.id;
    hieronymusId = (await run(rep, CAPTURE, { input: captureInput(HIERONYMUS) })).captureLead.lead.id;
  });
  afterAll(async () => {
    if (!stopped) await server.stop();
  });

  it('answers an access request with that one person, decrypted, and nothing about anyone else', async () => {
    const { subjects } = (await run(privacy, PERSONAL_DATA, { email: XANTHIPPE.email })).personalData;
    expect(subjects).toHaveLength(1);
    const [subject] = subjects;
    expect(subject.erased).toBe(false);
    expect(subject.leads).toEqual([expect.objectContaining({ id: xanthippe.leadId, firstName: 'Xanthippe', lastName: 'Quellwasser', email: XANTHIPPE.email, phone: STORED_PHONE })]);
    expect(subject.contacts).toEqual([expect.objectContaining({ id: xanthippe.contactId, sourceLeadId: xanthippe.leadId, fullName: 'Xanthippe Quellwasser' })]);
    expect(subject.events.map((e: Data) => e.type)).toEqual(['LeadCaptured', 'LeadWorkingStarted', 'LeadQualified', 'LeadConverted', 'ContactAdded']);
    expect(subject.events[0].data).toMatchObject({ firstName: 'Xanthippe', lastName: 'Quellwasser', email: XANTHIPPE.email, phone: STORED_PHONE });
    expect(subject.events[4].data).toMatchObject({ contactId: xanthippe.contactId, firstName: 'Xanthippe', lastName: 'Quellwasser' });
    const report = JSON.stringify(subjects);
    for (const other of [OTTOLINE.lastName, OTTOLINE.email, HIERONYMUS.lastName, HIERONYMUS.email, ottolineId, hieronymusId]) expect(report).not.toContain(other);
    // Controls for what the erasure must change.
    expect((await run(rep, SEARCH, { q: 'Xanthippe Quellwasser' })).leads.edges).toEqual([{ node: { id: xanthippe.leadId } }]);
    expect((await run(auditor, LEAD_AS_OF, { id: xanthippe.leadId, t: xanthippe.capturedAt })).lead).toMatchObject({ status: 'NEW', firstName: 'Xanthippe' });
  });

  // The domain keeps the local part as typed ("Xanthippe.Quellwasser@..."): a request in any case finds her.
  it('finds the person by their email written in another letter case', async () => {
    const { subjects } = (await run(privacy, PERSONAL_DATA, { email: XANTHIPPE.email.toLowerCase() })).personalData;
    expect(subjects.map((s: Data) => s.leads.map((l: Data) => l.id))).toEqual([[xanthippe.leadId]]);
  });

  describe('once erased', () => {
    let erased: Data;
    let head: bigint | null;
    const needles = [XANTHIPPE.firstName, XANTHIPPE.lastName, XANTHIPPE.email, XANTHIPPE.phone, STORED_PHONE, STORED_PHONE.slice(1), '0648217739']
      .flatMap((needle) => [needle, needle.toLowerCase(), needle.toUpperCase()]);

    beforeAll(async () => {
      erased = (await run(privacy, ERASE, { input: { leadId: xanthippe.leadId, reason: 'DATA_SUBJECT_REQUEST', notes: 'Asked by letter', commandId: randomUUID() } })).erasePerson;
      head = await server.embedded.headPosition();
    });

    it('has no byte of the person in the data folder already while it runs', () => {
      const scan = scanFiles(server.dataDir, needles);
      expect(scan.filter((s) => s.found.length > 0)).toEqual([]);
    });

    it('names both of the person\'s streams in its answer', () => {
      expect(erased.subjectId).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(erased.erasedAt).getTime()).not.toBeNaN();
      expect(erased.streams).toEqual(expect.arrayContaining([{ type: 'LEAD', id: xanthippe.leadId }, { type: 'CONTACT', id: xanthippe.contactId }]));
      expect(erased.streams).toHaveLength(2);
      expect(erased.position).toBe(String(head));
    });

    it('shows the lead and the contact erased, their personal fields null, and finds them by no name', async () => {
      const found = await run(rep, `query ($l: ID!, $c: ID!) { lead(id: $l) { ${LEAD_FIELDS} } contact(id: $c) { ${CONTACT_FIELDS} } }`, { l: xanthippe.leadId, c: xanthippe.contactId });
      expect(found.lead).toMatchObject({ erased: true, status: 'CONVERTED', companyName: XANTHIPPE.companyName, firstName: null, lastName: null, fullName: null, email: null, phone: null, jobTitle: null, seniority: null, sourceDetail: null });
      expect(found.contact).toMatchObject({ erased: true, status: 'ACTIVE', accountId: xanthippe.accountId, firstName: null, lastName: null, fullName: null, email: null, phone: null, jobTitle: null });
      // Neither her names nor her email find the lead any more; its company (not personal) still does.
      for (const q of ['Xanthippe Quellwasser', 'xanthippe', 'quellw', XANTHIPPE.email]) expect((await run(rep, SEARCH, { q })).leads.totalCount).toBe(0);
      const byCompany = (await run(rep, SEARCH, { q: 'zeepziederij noord' })).leads.edges.map((e: Data) => e.node.id);
      expect(byCompany.sort()).toEqual([xanthippe.leadId, hieronymusId].sort());
      expect((await run(rep, SEARCH, { q: 'Hieronymus Klaverblad' })).leads.edges).toEqual([{ node: { id: hieronymusId } }]);
      expect((await run(rep, `query ($id: ID!) { contact(id: $id) { erased lastName } }`, { id: ottolineId })).contact).toEqual({ erased: false, lastName: 'Brandewijn' });
    });

    it('keeps the history, with personal fields null, a PersonErased on each stream, and the same as of a past instant', async () => {
      const lead = (await run(auditor, HISTORY, { type: 'LEAD', id: xanthippe.leadId })).history.edges.map((e: Data) => e.node);
      expect(lead.map((e: Data) => e.type)).toEqual(['LeadCaptured', 'LeadWorkingStarted', 'LeadQualified', 'LeadConverted', 'PersonErased']);
      expect(lead[0].data).toMatchObject({ firstName: null, lastName: null, email: null, phone: null, jobTitle: null, sourceDetail: null, companyName: XANTHIPPE.companyName });
      expect(lead[4].data).toMatchObject({ subjectId: erased.subjectId, reason: 'DATA_SUBJECT_REQUEST' });
      const contact = (await run(auditor, HISTORY, { type: 'CONTACT', id: xanthippe.contactId })).history.edges.map((e: Data) => e.node);
      expect(contact.at(-1).type).toBe('PersonErased');
      const text = JSON.stringify([lead, contact]).toLowerCase();
      for (const needle of needles) expect(text).not.toContain(needle.toLowerCase());
      expect(text).not.toContain('asked by letter');
      expect((await run(auditor, LEAD_AS_OF, { id: xanthippe.leadId, t: xanthippe.capturedAt })).lead).toEqual({
        status: 'NEW', firstName: null, lastName: null, fullName: null, email: null, phone: null, jobTitle: null, sourceDetail: null,
      });
    });

    it('treats erasing again as a no-op answering with the first erasure', async () => {
      const again = (await run(privacy, ERASE, { input: { contactId: xanthippe.contactId, reason: 'OTHER', commandId: randomUUID() } })).erasePerson;
      expect(again).toMatchObject({ subjectId: erased.subjectId, erasedAt: erased.erasedAt });
      expect(await server.embedded.headPosition()).toBe(head);
    });

    it('answers an access request for the erased person with nothing, and still for others', async () => {
      expect((await run(privacy, PERSONAL_DATA, { email: XANTHIPPE.email })).personalData.subjects).toEqual([]);
      expect((await run(privacy, PERSONAL_DATA, { phone: XANTHIPPE.phone })).personalData.subjects).toEqual([]);
      const others = (await run(privacy, PERSONAL_DATA, { email: OTTOLINE.email })).personalData.subjects;
      expect(others).toEqual([expect.objectContaining({ erased: false, contacts: [expect.objectContaining({ id: ottolineId, lastName: 'Brandewijn' })] })]);
    });

    it.each([
      ['the email in upper case with spaces around', { email: `  ${XANTHIPPE.email.toUpperCase()} `, phone: undefined }],
      ['the phone spaced differently', { email: undefined, phone: '+31 6 482 177 39' }],
    ])('refuses to capture the person again with %s, writing nothing', async (_, changes) => {
      const before = (await run(rep, '{ leads { totalCount } }')).leads.totalCount;
      const result = await server.gql(rep, CAPTURE, { input: captureInput({ ...XANTHIPPE, companyName: 'Zeep & Co' }, changes) });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', reason: 'PERSON_SUPPRESSED' });
      expect(await server.embedded.headPosition()).toBe(head);
      expect((await run(rep, '{ leads { totalCount } }')).leads.totalCount).toBe(before);
    });

    it('rebuilds the leads and contacts read models into the same documents', async () => {
      const lists = async () => ({ ...(await run(rep, LEADS)), ...(await run(rep, CONTACTS)) });
      const before = await lists();
      expect(before.leads.totalCount).toBe(2);
      expect(before.contacts.totalCount).toBe(2);
      expect(before.leads.edges.find((e: Data) => e.node.id === xanthippe.leadId).node).toMatchObject({ erased: true, lastName: null });
      const ours = async () => ((await run(analyst, '{ projections { name state lag generation } }')).projections as Data[])
        .filter((p) => p.name === 'leads' || p.name === 'contacts');
      const generations = new Map((await ours()).map((p) => [p.name, p.generation ?? 0]));
      expect([...generations.keys()].sort()).toEqual(['contacts', 'leads']);
      for (const name of generations.keys()) {
        await run(analyst, 'mutation ($name: String!) { rebuildProjection(input: { name: $name }) { projection { name } } }', { name });
      }
      await waitUntil('the rebuilt copies of leads and contacts serve, caught up', async () => (await ours())
        .every((p) => p.state === 'LIVE' && p.lag === '0' && p.generation > generations.get(p.name)!));
      expect(await lists()).toEqual(before);
    });

    describe('once the process has stopped', () => {
      let dataDir: string;
      beforeAll(async () => {
        dataDir = server.dataDir;
        await server.stop({ keepData: true });
        stopped = true;
      });
      afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

      it("leaves no byte of the person's name, email or phone in any file of the data folder", () => {
        const scan = scanFiles(dataDir, needles);
        expect(scan.map((s) => s.file)).toEqual(expect.arrayContaining(['events.sqlite', 'read-models.sqlite', 'keys.sqlite']));
        expect(scan.filter((s) => s.found.length > 0)).toEqual([]);
        // Controls: the same scan finds people who were not erased, in the read models, and never in the log.
        const controls = scanFiles(dataDir, [OTTOLINE.lastName, HIERONYMUS.lastName, HIERONYMUS.email]);
        expect(controls.find((s) => s.file === 'read-models.sqlite')?.found).toEqual([OTTOLINE.lastName, HIERONYMUS.lastName, HIERONYMUS.email]);
        expect(controls.find((s) => s.file === 'events.sqlite')?.found).toEqual([]);
      });

      it('leaves every hash chain of the log intact', async () => {
        const copy = mkdtempSync(join(tmpdir(), 'crm-e2e-audit-'));
        try {
          for (const file of readdirSync(dataDir).filter((name) => name.startsWith('events.sqlite'))) copyFileSync(join(dataDir, file), join(copy, file));
          const store = new SqliteEventStore({ path: join(copy, 'events.sqlite') });
          const report = await verifyChains(store, { gaplessPositions: true }).finally(() => store.close());
          expect(report).toMatchObject({ breakCount: 0, breaks: [], eventsChecked: Number(head) });
          expect(report.streamsChecked).toBeGreaterThanOrEqual(5);
        } finally {
          rmSync(copy, { recursive: true, force: true });
        }
      });
    });
  });
});
