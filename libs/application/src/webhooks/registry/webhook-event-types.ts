import {
  ACCOUNT_EVENT_TYPES, CONTACT_EVENT_TYPES, LEAD_EVENT_TYPES, OPPORTUNITY_EVENT_TYPES, PIPELINE_EVENT_TYPES, ValidationError, type FieldError,
} from '@crm/domain';

/**
 * Every event type the domain records on an entity stream, once each (PersonErased and
 * SuppressionLifted are recorded on both lead and contact streams), in alphabetical order: what a
 * webhook may ask for.
 */
export const WEBHOOK_EVENT_TYPES: readonly string[] = Object.freeze(
  [...new Set([...LEAD_EVENT_TYPES, ...ACCOUNT_EVENT_TYPES, ...CONTACT_EVENT_TYPES, ...OPPORTUNITY_EVENT_TYPES, ...PIPELINE_EVENT_TYPES])].sort(),
);

const known: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);

/** The longest unknown type an error quotes back. */
const QUOTED = 60;

/**
 * The event types a webhook asked for, each once, in the order first given (empty: every type); an
 * unknown one is refused on its own index (`eventTypes[2]`), all of them in one error.
 */
export const parseWebhookEventTypes = (types: readonly string[], field = 'eventTypes'): string[] => {
  const unknown: FieldError[] = types.flatMap((type, index) =>
    known.has(type) ? [] : [{ field: `${field}[${index}]`, message: `${JSON.stringify(type.slice(0, QUOTED))} is not an event type this CRM records` }],
  );
  if (unknown.length > 0) throw new ValidationError(unknown);
  return [...new Set(types)];
};
