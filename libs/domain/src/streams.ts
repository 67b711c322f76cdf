import { enumOf } from './shared/enums';
import { ValidationError } from './shared/errors';
import { EntityId } from './shared/ids';

export const STREAM_TYPES = ['LEAD', 'ACCOUNT', 'CONTACT', 'OPPORTUNITY', 'PIPELINE'] as const;
export type StreamType = (typeof STREAM_TYPES)[number];
export const StreamType = enumOf(STREAM_TYPES);

/** The category is the text before the first dash, as EventStoreDB's $by_category projection reads it. */
export const STREAM_CATEGORY: { readonly [T in StreamType]: string } = Object.freeze({
  LEAD: 'lead',
  ACCOUNT: 'account',
  CONTACT: 'contact',
  OPPORTUNITY: 'opportunity',
  PIPELINE: 'pipeline',
});

export interface StreamRef {
  type: StreamType;
  id: string;
}

export const streamName = (type: StreamType, id: string): string =>
  `${STREAM_CATEGORY[type]}-${EntityId.parse(id, 'id')}`;

export const leadStream = (leadId: string): string => streamName('LEAD', leadId);
export const accountStream = (accountId: string): string => streamName('ACCOUNT', accountId);
export const contactStream = (contactId: string): string => streamName('CONTACT', contactId);
export const opportunityStream = (opportunityId: string): string => streamName('OPPORTUNITY', opportunityId);
export const pipelineStream = (pipelineId: string): string => streamName('PIPELINE', pipelineId);

/** Parses "lead-<uuid>" and friends; null for any other stream (system streams, foreign categories). */
export function parseStreamName(name: string): StreamRef | null {
  const dash = name.indexOf('-');
  if (dash < 0) return null;
  const category = name.slice(0, dash);
  const id = name.slice(dash + 1);
  const type = STREAM_TYPES.find((candidate) => STREAM_CATEGORY[candidate] === category);
  return type !== undefined && EntityId.isValid(id) ? { type, id } : null;
}

export function streamRefOf(name: string): StreamRef {
  const ref = parseStreamName(name);
  if (ref === null) {
    throw ValidationError.field('stream', `${name} is not a lead, account, contact, opportunity or pipeline stream`);
  }
  return ref;
}
