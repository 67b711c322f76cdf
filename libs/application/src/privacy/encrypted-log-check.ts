import type { EventStore } from '@crm/event-store';
import type { PersonalDataCodec } from './personal-data-codec';

/** The data folder holds a log written before personal data was encrypted: it is refused, not served. */
export class PlainPersonalDataError extends Error {
  constructor(where: string) {
    super(
      `${where} holds people's names, emails and phones in plain text, written by an earlier version. ` +
        'This version keeps personal data only encrypted per person, so that a person can be erased. ' +
        'Start with a new data folder (CRM_DATA_DIR) and seed or import the data again.',
    );
    this.name = 'PlainPersonalDataError';
  }
}

/** Looks at the log's first event about a person: one read at start-up, whatever the log's size. */
export const assertNoPlainPersonalData = async (stored: EventStore, codec: PersonalDataCodec, where: string): Promise<void> => {
  for await (const event of stored.readAll({ filter: { categories: ['lead', 'contact'] }, maxCount: 1 })) {
    if (codec.hasPlainFields(event)) throw new PlainPersonalDataError(where);
  }
};
