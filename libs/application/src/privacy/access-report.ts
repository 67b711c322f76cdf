import { Email, Phone } from '@crm/domain';
import { collectStream, type EventStore, type JsonObject } from '@crm/event-store';
import { toHistoryEntry, type HistoryEntry } from '../history/history-entry';

/** What the report reads of the read models: every document of a logical collection that matches. */
export interface DocumentLookup {
  findAll(logical: string, filter: Record<string, unknown>): Promise<JsonObject[]>;
}

export interface SubjectReport {
  subjectId: string;
  erased: boolean;
  leads: JsonObject[];
  contacts: JsonObject[];
  /** Every event of the subject's lead and contact streams, personal fields opened, in log order. */
  events: HistoryEntry[];
}

const PERSON_COLLECTIONS = ['leads', 'contacts'] as const;


/**
 * Answers an access request (GDPR art. 15): each data subject whose lead or contact has this email
 * or phone, with their leads, their contacts and every event about them. Only documents of a found
 * subject are read, so nothing about anyone else is in it.
 */
export const accessReport = async (
  documents: DocumentLookup,
  events: EventStore,
  points: { email?: string | null; phone?: string | null },
): Promise<SubjectReport[]> => {
  const matches: Record<string, unknown>[] = [];
  // The domain keeps an email's local part as typed; the read models keep it lowercased too.
  if (points.email) matches.push({ emailKey: Email.parse(points.email).toLowerCase() });
  if (points.phone) matches.push({ phone: Phone.parse(points.phone) });
  const subjects = new Set<string>();
  for (const collection of PERSON_COLLECTIONS) {
    for (const filter of matches) {
      for (const doc of await documents.findAll(collection, filter)) if (typeof doc.subjectId === 'string') subjects.add(doc.subjectId);
    }
  }
  const reports: SubjectReport[] = [];
  for (const subjectId of [...subjects].sort()) reports.push(await reportOf(documents, events, subjectId));
  return reports;
};

const reportOf = async (documents: DocumentLookup, events: EventStore, subjectId: string): Promise<SubjectReport> => {
  const leads = await documents.findAll('leads', { subjectId });
  const contacts = await documents.findAll('contacts', { subjectId });
  const streams = [...leads.map((doc) => `lead-${String(doc.id)}`), ...contacts.map((doc) => `contact-${String(doc.id)}`)];
  const history = (await Promise.all(streams.map((stream) => collectStream(events, stream)))).flat();
  history.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  return {
    subjectId,
    erased: [...leads, ...contacts].some((doc) => doc.erased === true),
    leads,
    contacts,
    events: history.map(toHistoryEntry),
  };
};
