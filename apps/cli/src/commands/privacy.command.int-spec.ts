import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject, RecordedEvent } from '@crm/event-store';
import type { CliRun } from '../testing/buffer-io';
import { seededStore, type SeededStore } from '../testing/seeded-store';

const LEAD_PERSONAL = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'seniority', 'sourceDetail'] as const;
const CONTACT_PERSONAL = ['firstName', 'lastName', 'email', 'phone', 'jobTitle'] as const;

interface HistoryEvent {
  id: string;
  type: string;
  position: string;
  data: JsonObject;
}
interface HistoryJson {
  events: HistoryEvent[];
  state: JsonObject;
}

/** One seeded person: their lead (and the contact it was converted to) as the decrypted log tells. */
interface Person {
  leadId: string;
  subjectId: string;
  contactId: string | null;
  /** The account the lead was converted into, if it was. */
  accountId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** Every event of their lead and contact streams, in log order. */
  events: RecordedEvent[];
}

const json = <T = JsonObject>(run: CliRun): T => {
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
};

/** Every string anywhere in a JSON value, to ask whether a value appears in an output at all. */
const stringsIn = (value: unknown, into = new Set<string>()): Set<string> => {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => stringsIn(item, into));
  return into;
};

/** Every email any event of the log ever gave anyone (captured, added, converted or changed). */
const emailsOf = (event: RecordedEvent): string[] => {
  const containers = [event.data, event.data.changes, event.data.contact].filter((c): c is JsonObject => c !== null && typeof c === 'object' && !Array.isArray(c));
  return containers.map((c) => c.email).filter((e): e is string => typeof e === 'string');
};

/** The seeded people, one per lead, with their current details (details updates folded in). */
const peopleOf = (events: RecordedEvent[]): Person[] => {
  const people = new Map<string, Person>();
  for (const e of events) {
    if (!e.streamName.startsWith('lead-')) continue;
    const leadId = String(e.data.leadId);
    if (e.type === 'LeadCaptured') {
      const d = e.data;
      people.set(leadId, {
        leadId, subjectId: String(d.subjectId), contactId: null, accountId: null, firstName: String(d.firstName), lastName: String(d.lastName),
        email: (d.email as string | null) ?? null, phone: (d.phone as string | null) ?? null, events: [],
      });
    } else if (e.type === 'LeadDetailsUpdated') {
      Object.assign(people.get(leadId)!, e.data.changes);
    } else if (e.type === 'LeadConverted') {
      Object.assign(people.get(leadId)!, { contactId: String((e.data.contact as JsonObject).contactId), accountId: String((e.data.account as JsonObject).accountId) });
    }
  }
  for (const person of people.values()) {
    const streams = [`lead-${person.leadId}`, person.contactId && `contact-${person.contactId}`];
    person.events = events.filter((e) => streams.includes(e.streamName));
  }
  return [...people.values()];
};

/** Everyone else added as a contact of the account: the people most likely to leak into someone's report. */
const colleaguesOf = (events: RecordedEvent[], person: Person): { contactId: string; subjectId: string; firstName: string; lastName: string; email: string | null; phone: string | null }[] =>
  events
    .filter((e) => e.type === 'ContactAdded' && e.data.accountId === person.accountId && e.data.contactId !== person.contactId)
    .map(({ data: d }) => ({
      contactId: String(d.contactId), subjectId: String(d.subjectId), firstName: String(d.firstName), lastName: String(d.lastName),
      email: (d.email as string | null) ?? null, phone: (d.phone as string | null) ?? null,
    }));

/** Converted people (a lead and a contact) whose email is theirs alone in the whole log. */
const convertedWithOwnEmail = (events: RecordedEvent[]): Person[] => {
  const count = new Map<string, number>();
  for (const e of events) for (const email of emailsOf(e)) count.set(email.toLowerCase(), (count.get(email.toLowerCase()) ?? 0) + 1);
  return peopleOf(events).filter((p) => {
    if (p.contactId === null || p.email === null) return false;
    const own = p.events.flatMap(emailsOf).length;
    return count.get(p.email.toLowerCase()) === own && p.events.some((e) => e.type === 'ContactAdded');
  });
};

/**
 * Whom retention should erase: each lead's status folded from the log. A reopened or converted lead
 * is no longer disqualified; a lead disqualified again counts from its last disqualification.
 */
const disqualifiedNow = (events: RecordedEvent[]): { leadId: string; subjectId: string; disqualifiedAt: string }[] => {
  const leads = new Map<string, { subjectId: string; disqualifiedAt: string | null }>();
  for (const e of events) {
    if (!e.streamName.startsWith('lead-')) continue;
    const leadId = String(e.data.leadId);
    if (e.type === 'LeadCaptured') leads.set(leadId, { subjectId: String(e.data.subjectId), disqualifiedAt: null });
    else if (e.type === 'LeadDisqualified') leads.get(leadId)!.disqualifiedAt = e.metadata.occurredAt;
    else if (e.type === 'LeadReopened' || e.type === 'LeadConverted' || e.type === 'PersonErased') leads.get(leadId)!.disqualifiedAt = null;
  }
  return [...leads]
    .filter((entry): entry is [string, { subjectId: string; disqualifiedAt: string }] => entry[1].disqualifiedAt !== null)
    .map(([leadId, { subjectId, disqualifiedAt }]) => ({ leadId, subjectId, disqualifiedAt }));
};

const readIfThere = (file: string): string => (existsSync(file) ? readFileSync(file).toString('latin1') : '');

const byLeadId = <T extends { leadId: string }>(rows: T[]): T[] => [...rows].sort((a, b) => a.leadId.localeCompare(b.leadId));

describe('crm privacy', () => {
  const folders: SeededStore[] = [];
  afterAll(() => folders.forEach((data) => data.cleanup()));

  /** A freshly seeded folder of its own for each group, so no group sees another's erasures. */
  const seeded = async (): Promise<SeededStore> => {
    const data = await seededStore(300, 11);
    folders.push(data);
    return data;
  };
  /** The read models, built as an operator would (the seed only writes the log). */
  const buildReadModels = async (data: SeededStore) => {
    const run = await data.run(['projections', 'rebuild', '--all']);
    expect(run.code).toBe(0);
  };
  const history = async (data: SeededStore, type: 'lead' | 'contact', id: string) => json<HistoryJson>(await data.run(['history', type, id, '--json']));

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
      expect(log).toContain(person.leadId);
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
      person = convertedWithOwnEmail(data.events)[1];
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

  describe('retention', () => {
    let data: SeededStore;
    let cutoff: string;
    let due: { leadId: string; subjectId: string; disqualifiedAt: string }[];
    let kept: { leadId: string }[];
    beforeAll(async () => {
      data = await seeded();
      const disqualified = disqualifiedNow(data.events).sort((a, b) => a.disqualifiedAt.localeCompare(b.disqualifiedAt));
      // The boundary is one lead's own disqualification instant: "before" excludes it.
      cutoff = disqualified[Math.floor(disqualified.length / 2)].disqualifiedAt;
      due = byLeadId(disqualified.filter((lead) => lead.disqualifiedAt < cutoff));
      const reopenedOrConverted = peopleOf(data.events)
        .filter((p) => p.events.some((e) => e.type === 'LeadDisqualified' && e.metadata.occurredAt < cutoff))
        .filter((p) => !due.some((lead) => lead.leadId === p.leadId));
      kept = [...disqualified.filter((lead) => lead.disqualifiedAt >= cutoff), ...reopenedOrConverted];
      expect(due.length).toBeGreaterThan(5);
      expect(disqualified.length - due.length).toBeGreaterThan(5);
      // Some lead was disqualified before the date and then reopened: retention must leave it alone.
      expect(reopenedOrConverted.length).toBeGreaterThan(0);
    });

    const report = (run: CliRun) => {
      const body = json<{ disqualifiedBefore: string; dryRun: boolean; count: number; leads: { leadId: string }[] }>(run);
      return { ...body, leads: byLeadId(body.leads) };
    };
    const lastEvents = async (leads: { leadId: string }[]) => Promise.all(leads.map(async ({ leadId }) => {
      const { events } = await history(data, 'lead', leadId);
      const notes = events.filter((e) => e.type === 'LeadDisqualified').map((e) => e.data.notes);
      return { leadId, first: events[0].data.firstName, notes, last: events[events.length - 1] };
    }));

    it('reports exactly the leads disqualified before the date and still disqualified, and erases no one on a dry run', async () => {
      const dry = report(await data.run(['privacy', 'retention', '--disqualified-before', cutoff, '--dry-run']));
      expect(dry).toEqual({ disqualifiedBefore: cutoff, dryRun: true, count: due.length, leads: due });
      for (const lead of due) {
        const { events } = await history(data, 'lead', lead.leadId);
        const stored = data.events.filter((e) => e.streamName === `lead-${lead.leadId}`);
        expect(events.map((e) => e.id)).toEqual(stored.map((e) => e.id));
        expect(events[0].data.firstName).toBe(stored[0].data.firstName);
      }
      expect((await data.run(['audit', 'verify'])).stdout).toContain(`OK: ${data.events.length} event(s)`);
    });

    it('erases the same leads for RETENTION, and only them', async () => {
      const wet = report(await data.run(['privacy', 'retention', '--disqualified-before', cutoff]));
      expect(wet).toEqual({ disqualifiedBefore: cutoff, dryRun: false, count: due.length, leads: due });
      // The disqualification notes are about the person too: some of these leads had them.
      expect(data.events.some((e) => e.type === 'LeadDisqualified' && e.data.notes !== null && due.some((l) => e.streamName === `lead-${l.leadId}`))).toBe(true);
      for (const lead of await lastEvents(due)) {
        expect(lead).toMatchObject({ first: null, last: { type: 'PersonErased', data: { leadId: lead.leadId, reason: 'RETENTION' } } });
        expect(lead.notes.every((note) => note === null)).toBe(true);
      }
      for (const lead of await lastEvents(kept)) {
        expect(lead.first).not.toBeNull();
        expect(lead.last.type).not.toBe('PersonErased');
      }
      const audit = await data.run(['audit', 'verify']);
      expect(audit.code).toBe(0);
      expect(audit.stdout).toContain(`OK: ${data.events.length + due.length} event(s)`);
    });

    it('finds no one left to erase on a second run', async () => {
      const again = report(await data.run(['privacy', 'retention', '--disqualified-before', cutoff]));
      expect(again).toEqual({ disqualifiedBefore: cutoff, dryRun: false, count: 0, leads: [] });
      expect((await data.run(['audit', 'verify'])).stdout).toContain(`OK: ${data.events.length + due.length} event(s)`);
    });
  });

  describe('usage errors', () => {
    let data: SeededStore;
    let person: Person;
    beforeAll(async () => {
      data = await seeded();
      person = convertedWithOwnEmail(data.events)[0];
    });

    it.each([
      ['both --lead and --contact', () => ['privacy', 'erase', '--lead', person.leadId, '--contact', person.contactId!, '--reason', 'DATA_SUBJECT_REQUEST'], 'exactly one of --lead and --contact'],
      ['neither --lead nor --contact', () => ['privacy', 'erase', '--reason', 'DATA_SUBJECT_REQUEST'], 'exactly one of --lead and --contact'],
      ['an unknown --reason', () => ['privacy', 'erase', '--lead', person.leadId, '--reason', 'BORED'], '"BORED" is not one of'],
      ['export without --email or --phone', () => ['privacy', 'export'], 'give --email, --phone or both'],
    ])('exits 2 for %s, with a message and no output, and erases no one', async (_case, argv, message) => {
      const run = await data.run(argv());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
      const lead = await history(data, 'lead', person.leadId);
      expect(lead.events.map((e) => e.type)).not.toContain('PersonErased');
      expect(lead.state.firstName).toBe(person.firstName);
    });
  });

  describe('on a folder whose read models were never built, or that does not exist', () => {
    let data: SeededStore;
    beforeAll(async () => {
      data = await seeded();
    });

    it('brings the read models up to the log before it answers an access request', async () => {
      const person = convertedWithOwnEmail(data.events)[0];
      const report = json<{ subjects: { subjectId: string }[] }>(await data.run(['privacy', 'export', '--email', person.email!]));
      expect(report.subjects.map((s) => s.subjectId)).toEqual([person.subjectId]);
    });

    it('refuses a data folder without a log instead of answering "nothing held" from a new one', async () => {
      const missing = `${data.dir}/not-there`;
      const run = await data.run(['privacy', 'export', '--email', 'x@example.org'], { CRM_DATA_DIR: missing });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/No event store/);
      expect(existsSync(missing)).toBe(false);
    });
  });
});
