import type { GraphQLFormattedError } from 'graphql';
import { isDomainError, RuleViolation, ValidationError, NotFoundError } from '@crm/domain';
import { DuplicateEventIdError, EventStoreError, InvalidEventStoreRequestError, WrongExpectedRevisionError } from '@crm/event-store';
import { InvalidQueryError, RebuildInProgressError } from '@crm/read-models';
import { IdempotencyKeyReusedError, SlowSubscriberError } from '@crm/application';
import { ForbiddenError, UnauthenticatedError } from '../auth/auth.errors';
import { QueryTooCostlyError } from '../limits/query-too-costly.error';

export type Extensions = NonNullable<GraphQLFormattedError['extensions']>;

/** A known failure as the client sees it; null means "unexpected": masked and logged. */
export interface PublicError {
  message: string;
  extensions: Extensions;
}

/**
 * The one exhaustive mapping from our error classes to DESIGN.md's codes. Order matters only where
 * classes share a base: specific classes first.
 */
export const toPublicError = (error: unknown): PublicError | null => {
  if (error instanceof ValidationError) return known(error, { code: 'BAD_USER_INPUT', fields: error.fields });
  if (error instanceof RuleViolation) return known(error, { code: 'RULE_VIOLATION', reason: error.reason });
  if (error instanceof NotFoundError) return known(error, { code: 'NOT_FOUND', entity: error.entity, id: error.id });
  if (isDomainError(error)) return known(error, { code: error.code });
  if (error instanceof WrongExpectedRevisionError) {
    return known(error, {
      code: 'CONFLICT', stream: error.streamName, expectedRevision: revisionOf(error.expected), actualRevision: revisionOf(error.actual),
    });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return known(error, { code: 'CONFLICT', reason: error.reason, stream: error.streamName, commandId: error.commandId });
  }
  // The socket is closed with 4413 as well; this is what the subscription itself ends with.
  if (error instanceof SlowSubscriberError) return known(error, { code: 'SLOW_SUBSCRIBER', queued: error.queued });
  if (error instanceof DuplicateEventIdError) return known(error, { code: 'CONFLICT', stream: error.streamName });
  if (error instanceof InvalidEventStoreRequestError) {
    return known(error, { code: 'BAD_USER_INPUT', fields: [{ field: error.field, message: error.message }] });
  }
  if (error instanceof InvalidQueryError) {
    return known(error, { code: 'BAD_USER_INPUT', fields: [{ field: error.field, message: error.message }] });
  }
  if (error instanceof QueryTooCostlyError) {
    const cost = Number.isFinite(error.cost) ? error.cost : null;
    return known(error, { code: 'BAD_USER_INPUT', reason: error.reason, cost, maximumCost: error.maximumCost, fields: [{ field: 'query', message: error.message }] });
  }
  if (error instanceof RebuildInProgressError) return known(error, { code: 'CONFLICT', reason: 'REBUILD_IN_PROGRESS' });
  if (error instanceof UnauthenticatedError) return known(error, { code: 'UNAUTHENTICATED' });
  if (error instanceof ForbiddenError) {
    return known(error, { code: 'FORBIDDEN', requiredRoles: [...error.required], ...(error.field === undefined ? {} : { field: error.field }) });
  }
  if (error instanceof EventStoreError && error.code === 'NOT_FOUND') return known(error, { code: 'NOT_FOUND' });
  return null;
};

const known = (error: Error, extensions: Extensions): PublicError => ({ message: error.message, extensions });

/**
 * Revisions are `Int` in the contract. The store's own words for a state ('no_stream', 'any',
 * 'stream_exists') are null, and a revision that arrives as a bigint (EventStoreDB's client, a
 * structured clone) is a number: a client never has to parse a string.
 */
export const revisionOf = (revision: unknown): number | null => {
  if (typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 0) return revision;
  if (typeof revision === 'bigint' && revision >= 0n && revision <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(revision);
  return null;
};
