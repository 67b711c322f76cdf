import { IdempotencyKeyReusedError } from '@crm/application';
import { NotFoundError, RuleViolation, ValidationError } from '@crm/domain';
import { DuplicateEventIdError, InvalidEventStoreRequestError, StreamNotFoundError, WrongExpectedRevisionError } from '@crm/event-store';
import { InvalidQueryError, LeaseLostError } from '@crm/read-models';
import { toPublicError } from '../../apps/api/src/errors/error-codes';
import { reviveError, serializeError } from './error-transport';

/** Through the same structured clone a worker's postMessage applies. */
const acrossThreads = (error: unknown): Error => reviveError(structuredClone(serializeError(error)));

describe('errors crossing from the write worker', () => {
  const thrown: Array<[string, Error]> = [
    ['a rule violation', new RuleViolation('LEAD_NOT_QUALIFIED', 'Lead 1 is not qualified')],
    ['invalid input with its fields', new ValidationError([{ field: 'email', message: 'is not an email' }, { field: 'phone', message: 'is not a phone number' }])],
    ['a missing entity', new NotFoundError('Lead', '7d2c5bb6-1c5a-4c8e-9a57-1f0c4f0e2b11')],
    ['a stale expected revision', new WrongExpectedRevisionError('lead-1', 3, 5)],
    ['a stream that does not exist', new StreamNotFoundError('lead-1')],
    ['an event id stored elsewhere', new DuplicateEventIdError('lead-1', 'e-1')],
    ['a bad event store request', new InvalidEventStoreRequestError('maxCount must be positive', 'maxCount')],
    ['a bad read-store query', new InvalidQueryError('first must be an integer', 'first')],
    ['a lost lease', new LeaseLostError('projection:leads', 'owner-1')],
    ['a command id reused for another input', new IdempotencyKeyReusedError('lead-1', '7d2c5bb6-1c5a-4c8e-9a57-1f0c4f0e2b11')],
  ];

  it.each(thrown)('keep their class and fields: %s', (_name, error) => {
    const revived = acrossThreads(error);
    expect(revived).toBeInstanceOf(error.constructor);
    expect(revived).toBeInstanceOf(Error);
    expect({ ...revived }).toEqual({ ...error });
    expect(revived.message).toBe(error.message);
    expect(revived.name).toBe(error.name);
  });

  it.each(thrown)('map to the same public error: %s', (_name, error) => {
    expect(toPublicError(acrossThreads(error))).toEqual(toPublicError(error));
  });

  it('carry a reused command id as CONFLICT with its reason', () => {
    expect(toPublicError(acrossThreads(new IdempotencyKeyReusedError('lead-1', 'c-1')))?.extensions).toEqual({
      code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED', stream: 'lead-1', commandId: 'c-1',
    });
  });

  it('keep the stack of where they were thrown, for the log of an unexpected one', () => {
    const error = new TypeError('Cannot read properties of undefined');
    const revived = acrossThreads(error);
    expect(revived.stack).toBe(error.stack);
    expect(toPublicError(revived)).toBeNull();
  });

  it('turn anything thrown that is not an Error into an Error with its text', () => {
    const revived = acrossThreads('plain text');
    expect(revived).toBeInstanceOf(Error);
    expect(revived.message).toBe('plain text');
  });

  it('carry fields that cannot be cloned as their text instead of failing the message', () => {
    const callback = (): number => 1;
    const error = Object.assign(new Error('odd'), { callback });
    expect((acrossThreads(error) as Error & { callback: unknown }).callback).toBe(String(callback));
  });
});
