import { ValidationError } from '@crm/domain';

/**
 * A cursor of one webhook's deliveries: the store's keyset cursor, bound to the webhook it pages.
 * Every endpoint's delivery log has the same order, so the store alone would take another webhook's
 * cursor and page this one's log from that other position.
 */
export const deliveryCursor = (webhookId: string, storeCursor: string): string =>
  Buffer.from(JSON.stringify({ webhook: webhookId, after: storeCursor }), 'utf8').toString('base64url');

/** The store's cursor inside `cursor`, or a ValidationError on `after` when it is not one of this webhook's deliveries. */
export const storeCursorOf = (webhookId: string, cursor: string): string => {
  const parsed = parse(cursor);
  if (typeof parsed !== 'object' || parsed === null) throw foreign();
  const { webhook, after } = parsed as { webhook?: unknown; after?: unknown };
  if (webhook !== webhookId || typeof after !== 'string') throw foreign();
  return after;
};

const foreign = (): ValidationError => ValidationError.field('after', "is not a cursor of this webhook's deliveries");

const parse = (cursor: string): unknown => {
  if (!/^[A-Za-z0-9_-]{1,8192}$/.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};
