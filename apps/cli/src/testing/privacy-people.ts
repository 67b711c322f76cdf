import { existsSync, readFileSync } from 'node:fs';
import type { JsonObject, RecordedEvent } from '@crm/event-store';
import type { CliRun } from './buffer-io';
import { seededStore, type SeededStore } from './seeded-store';

/** What the privacy commands' tests read of a seeded folder: its people, as the seed made them. */
export const LEAD_PERSONAL = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'seniority', 'sourceDetail'] as const;
export const CONTACT_PERSONAL = ['firstName', 'lastName', 'email', 'phone', 'jobTitle'] as const;

export interface HistoryEvent {
  id: string;
  type: string;
  position: string;
  data: JsonObject;
}
export interface HistoryJson {
  events: HistoryEvent[];
  state: JsonObject;
}

/** One seeded person: their lead (and the contact it was converted to) as the decrypted log tells. */
export interface Person {
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

export const json = <T = JsonObject>(run: CliRun): T => {
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
};

/** Every string anywhere in a JSON value, to ask whether a value appears in an output at all. */
export const stringsIn = (value: unknown, into = new Set<string>()): Set<string> => {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => stringsIn(item, into));
  return into;
};

/** Every email any event of the log ever gave anyone (captured, added, converted or changed). */
export const emailsOf = (event: RecordedEvent): string[] => {
  const containers = [event.data, event.data.changes, event.data.contact].filter((c): c is JsonObject => c !== null && typeof c === 'object' && !Array.isArray(c));
  return containers.map((c) => c.email).filter((e): e is string => typeof e === 'string');
};

/** The seeded people, one per lead, with their current details (details updates folded in). */
export const peopleOf = (events: RecordedEvent[]): Person[] => {
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
export const colleaguesOf = (events: RecordedEvent[], person: Person): { contactId: string; subjectId: string; firstName: string; lastName: string; email: string | null; phone: string | null }[] =>
  events
    .filter((e) => e.type === 'ContactAdded' && e.data.accountId === person.accountId && e.data.contactId !== person.contactId)
    .map(({ data: d }) => ({
      contactId: String(d.contactId), subjectId: String(d.subjectId), firstName: String(d.firstName), lastName: String(d.lastName),
      email: (d.email as string | null) ?? null, phone: (d.phone as string | null) ?? null,
    }));

/** Converted people (a lead and a contact) whose email is theirs alone in the whole log. */
export const convertedWithOwnEmail = (events: RecordedEvent[]): Person[] => {
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
export const disqualifiedNow = (events: RecordedEvent[]): { leadId: string; subjectId: string; disqualifiedAt: string }[] => {
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

export const readIfThere = (file: string): string => (existsSync(file) ? readFileSync(file).toString('latin1') : '');

export const byLeadId = <T extends { leadId: string }>(rows: T[]): T[] => [...rows].sort((a, b) => a.leadId.localeCompare(b.leadId));

/** Seeded folders of one test file, each group its own, so no group sees another's erasures; cleaned up after. */
export const privacyFolders = () => {
  const folders: SeededStore[] = [];
  return {
    cleanup: () => folders.forEach((data) => data.cleanup()),
    seeded: async (): Promise<SeededStore> => {
      const data = await seededStore(300, 11);
      folders.push(data);
      return data;
    },
  };
};

/** The read models, built as an operator would (the seed only writes the log). */
export const buildReadModels = async (data: SeededStore): Promise<void> => {
  const run = await data.run(['projections', 'rebuild', '--all']);
  expect(run.code).toBe(0);
};

export const history = async (data: SeededStore, type: 'lead' | 'contact', id: string) => json<HistoryJson>(await data.run(['history', type, id, '--json']));
