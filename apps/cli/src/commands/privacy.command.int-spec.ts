import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '@crm/event-store';
import { LEAD_PERSONAL, CONTACT_PERSONAL, buildReadModels, colleaguesOf, convertedWithOwnEmail, history, json, peopleOf, privacyFolders, readIfThere, stringsIn, type HistoryEvent, type Person } from '../testing/privacy-people';
import type { SeededStore } from '../testing/seeded-store';

describe('crm privacy export and erase', () => {
  const { seeded, cleanup } = privacyFolders();
  afterAll(cleanup);

  describe('export', () => {
    let data: SeededStore;
    let person: Person;
    let report: { email: string; phone: string | null; subjects: JsonObject[] };
    beforeAll(async () => {
      data = await seeded();
      await buildReadModels(data);
      // Someone with colleagues at their account, whose data must not be in the report.
      person = convertedWithOwnEmail(data.events).find((p) => colleaguesOf(data.events, p).length >= 2)!;
      report = json(await data.run(['privacy', 'export', '--email', person.email!]));
    });

    it("finds the person's one subject with their lead, their contact and every event of theirs, decrypted", () => {
      expect(report).toMatchObject({ email: person.email, phone: null });
      expect(report.subjects).toHaveLength(1);
      const [subject] = report.subjects as unknown as { subjectId: string; erased: boolean; leads: JsonObject[]; contacts: JsonObject[]; events: HistoryEvent[] }[];
      expect(subject).toMatchObject({ subjectId: person.subjectId, erased: false });
      expect(subject.leads.map((doc) => doc.id)).toEqual([person.leadId]);
      expect(subject.leads[0]).toMatchObject({ firstName: person.firstName, lastName: person.lastName, email: person.email, erased: false });
      expect(subject.contacts.map((doc) => doc.id)).toEqual([person.contactId]);
      expect(subject.contacts[0]).toMatchObject({ firstName: person.firstName, lastName: person.lastName, subjectId: person.subjectId });
      expect(subject.events.map((e) => e.id)).toEqual(person.events.map((e) => e.id));
      expect(subject.events.map((e) => e.data)).toEqual(person.events.map((e) => e.data));
      const capturedEvent = subject.events.find((e) => e.type === 'LeadCaptured')!;
      expect(capturedEvent.data).toMatchObject({ firstName: person.firstName, lastName: person.lastName, email: person.email });
      expect(subject.events.find((e) => e.type === 'ContactAdded')!.data).toMatchObject({ firstName: person.firstName, lastName: person.lastName });
    });

    it('finds the same subject by a differently cased email and by phone', async () => {
      const upper = json<{ subjects: { subjectId: string }[] }>(await data.run(['privacy', 'export', '--email', person.email!.toUpperCase()]));
      expect(upper.subjects.map((s) => s.subjectId)).toEqual([person.subjectId]);
      const withPhone = convertedWithOwnEmail(data.events).find((p) => p.phone !== null && peopleOf(data.events).filter((o) => o.phone === p.phone).length === 1)!;
      const byPhone = json<{ subjects: { subjectId: string }[] }>(await data.run(['privacy', 'export', '--phone', withPhone.phone!]));
      expect(byPhone.subjects.map((s) => s.subjectId)).toEqual([withPhone.subjectId]);
    });

    it('holds nothing about anyone else, not even the colleagues at their account', () => {
      const values = stringsIn(report);
      const notThem = (p: { firstName: string; lastName: string }) =>
        ![p.firstName, p.lastName].some((name) => name === person.firstName || name === person.lastName);
      const colleagues = colleaguesOf(data.events, person).filter(notThem)
        .map((c) => ({ id: c.contactId, values: [c.email, c.phone, c.firstName, c.lastName, c.contactId, c.subjectId] }));
      const leads = peopleOf(data.events).filter((p) => p.leadId !== person.leadId && p.email !== null).filter(notThem).slice(0, 8)
        .map((p) => ({ id: p.leadId, values: [p.email, p.phone, p.firstName, p.lastName, p.leadId, p.subjectId] }));
      expect(colleagues.length).toBeGreaterThanOrEqual(2);
      expect(leads).toHaveLength(8);
      for (const other of [...colleagues, ...leads]) {
        const found = other.values.filter((v): v is string => v !== null && values.has(v));
        expect({ id: other.id, found }).toEqual({ id: other.id, found: [] });
      }
    });

    it('answers from decrypted events while the log itself holds the email only sealed', () => {
      const log = ['events.sqlite', 'events.sqlite-wal'].map((file) => join(data.dir, file)).filter(existsSync).map((file) => readFileSync(file).toString('latin1')).join('');
      // The lead's id is in the log as its 16 bytes: proof the scan reads where the person's events are.
      expect(log).toContain(Buffer.from(person.leadId.replace(/-/g, ''), 'hex').toString('latin1'));
      expect(log).not.toContain(person.email!);
      expect(log).not.toContain(`"${person.lastName}"`);
    });
  });

  describe('erase', () => {
    let data: SeededStore;
    let person: Person;
    let first: { subjectId: string; erasedAt: string; streams: { type: string; id: string }[]; position: string };
    beforeAll(async () => {
      data = await seeded();
      await buildReadModels(data);
      // Nobody else has their last name, so finding it anywhere afterwards would be a trace of them; in
      // plain ASCII, so the byte search below sees it as the files store it.
      const people = peopleOf(data.events);
      const traceable = (p: Person) => /^[ -~]+$/.test(p.lastName) && people.filter((other) => other.lastName === p.lastName).length === 1;
      person = convertedWithOwnEmail(data.events).filter(traceable)[1];
      // Before the erasure the access report finds the person, so its empty answer afterwards means something.
      const before = json<{ subjects: { subjectId: string }[] }>(await data.run(['privacy', 'export', '--email', person.email!]));
      expect(before.subjects.map((s) => s.subjectId)).toEqual([person.subjectId]);
      // ... and the read store holds their email and name in plain text, so their absence afterwards means something too.
      const readStore = readFileSync(join(data.dir, 'read-models.sqlite')).toString('latin1') + readIfThere(join(data.dir, 'read-models.sqlite-wal'));
      expect([readStore.includes(person.email!), readStore.includes(`"${person.lastName}"`)]).toEqual([true, true]);
      first = json(await data.run(['privacy', 'erase', '--lead', person.leadId, '--reason', 'DATA_SUBJECT_REQUEST', '--notes', 'asked by email']));
    });

    it('names the subject, both of their streams and when', () => {
      expect(first.subjectId).toBe(person.subjectId);
      expect(first.streams).toEqual([{ type: 'LEAD', id: person.leadId }, { type: 'CONTACT', id: person.contactId }]);
      expect(Date.parse(first.erasedAt)).not.toBeNaN();
      expect(first.position).toBe(String(data.events[data.events.length - 1].position + 2n));
    });

    it("shows the lead's history with every personal field null and the erasure last", async () => {
      const lead = await history(data, 'lead', person.leadId);
      const stored = person.events.filter((e) => e.streamName === `lead-${person.leadId}`);
      expect(lead.events.map((e) => e.id)).toEqual([...stored.map((e) => e.id), expect.any(String)]);
      const captured = lead.events[0];
      expect(captured.type).toBe('LeadCaptured');
      for (const field of LEAD_PERSONAL) expect({ field, value: captured.data[field] }).toEqual({ field, value: null });
      expect(captured.data).toMatchObject({ leadId: person.leadId, subjectId: person.subjectId, companyName: stored[0].data.companyName });
      const converted = lead.events.find((e) => e.type === 'LeadConverted')!;
      for (const field of CONTACT_PERSONAL) expect({ field, value: (converted.data.contact as JsonObject)[field] }).toEqual({ field, value: null });
      const erased = lead.events[lead.events.length - 1];
      expect(erased).toMatchObject({ type: 'PersonErased', data: { leadId: person.leadId, subjectId: person.subjectId, reason: 'DATA_SUBJECT_REQUEST', erasedAt: first.erasedAt } });
      expect(lead.state).toMatchObject({ erased: true, firstName: null, email: null, status: 'CONVERTED' });
      expect(JSON.stringify(lead)).not.toContain('asked by email');
    });

    it("erases the contact converted from the lead as well", async () => {
      const contact = await history(data, 'contact', person.contactId!);
      const added = contact.events.find((e) => e.type === 'ContactAdded')!;
      for (const field of CONTACT_PERSONAL) expect({ field, value: added.data[field] }).toEqual({ field, value: null });
      expect(contact.events[contact.events.length - 1]).toMatchObject({ type: 'PersonErased', data: { contactId: person.contactId, subjectId: person.subjectId } });
      expect([...contact.events, ...(await history(data, 'lead', person.leadId)).events].map((e) => e.position)).toContain(first.position);
    });

    it('exports the audit log with their events, personal fields null, and their erasure', async () => {
      const run = await data.run(['export', '--category', 'lead,contact']);
      expect(run.code).toBe(0);
      const exported = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { stream: string; type: string; data: JsonObject });
      const theirs = exported.filter((e) => e.stream === `lead-${person.leadId}` || e.stream === `contact-${person.contactId}`);
      expect(theirs.filter((e) => e.type === 'PersonErased')).toHaveLength(2);
      expect(theirs.find((e) => e.type === 'LeadCaptured')?.data).toMatchObject({ firstName: null, lastName: null, email: null });
      expect(run.stdout).not.toContain(person.email!);
      expect(run.stdout).toContain(peopleOf(data.events).find((p) => p.leadId !== person.leadId && p.email)!.email!);
    });

    it('leaves the access report with no subject for their email or phone', async () => {
      const byEmail = json<{ subjects: unknown[] }>(await data.run(['privacy', 'export', '--email', person.email!]));
      expect(byEmail.subjects).toEqual([]);
      if (person.phone !== null && peopleOf(data.events).filter((p) => p.phone === person.phone).length === 1) {
        expect(json<{ subjects: unknown[] }>(await data.run(['privacy', 'export', '--phone', person.phone])).subjects).toEqual([]);
      }
    });

    it("leaves no trace of their email or name in any file of the data folder's stores", () => {
      const files = readdirSync(data.dir).filter((file) => /\.sqlite(-wal|-journal)?$/.test(file));
      expect(files).toEqual(expect.arrayContaining(['events.sqlite', 'read-models.sqlite', 'keys.sqlite']));
      for (const file of files) {
        const bytes = readFileSync(join(data.dir, file)).toString('latin1');
        expect({ file, email: bytes.includes(person.email!), lastName: bytes.includes(`"${person.lastName}"`) }).toEqual({ file, email: false, lastName: false });
      }
    });

    it('keeps the hash chain intact: audit verify passes with the two PersonErased events', async () => {
      const run = await data.run(['audit', 'verify']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`OK: ${data.events.length + 2} event(s)`);
    });

    it('answers a second erasure, by lead or by contact, with the first one and appends nothing', async () => {
      const again = json(await data.run(['privacy', 'erase', '--lead', person.leadId, '--reason', 'DATA_SUBJECT_REQUEST']));
      expect(again).toMatchObject({ subjectId: first.subjectId, erasedAt: first.erasedAt, streams: first.streams, position: first.position });
      const byContact = json(await data.run(['privacy', 'erase', '--contact', person.contactId!, '--reason', 'OTHER']));
      expect(byContact).toMatchObject({ subjectId: first.subjectId, erasedAt: first.erasedAt });
      const lead = await history(data, 'lead', person.leadId);
      expect(lead.events.filter((e) => e.type === 'PersonErased')).toHaveLength(1);
      expect((await data.run(['audit', 'verify'])).stdout).toContain(`OK: ${data.events.length + 2} event(s)`);
    });
  });
});
