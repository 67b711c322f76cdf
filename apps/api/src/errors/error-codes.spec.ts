import { WrongExpectedRevisionError, type ActualRevision, type ExpectedRevision } from '@crm/event-store';
import { toPublicError } from './error-codes';

const conflict = (expected: unknown, actual: unknown) =>
  toPublicError(new WrongExpectedRevisionError('lead-1', expected as ExpectedRevision, actual as ActualRevision))?.extensions;

describe('CONFLICT carries revisions a client can compare: an Int or null, never a string', () => {
  it('keeps exact revisions as numbers', () => {
    expect(conflict(3, 5)).toEqual({ code: 'CONFLICT', stream: 'lead-1', expectedRevision: 3, actualRevision: 5 });
  });

  it.each([
    ['a stream that does not exist', 0, 'no_stream', 0, null],
    ['an expectation that the stream does not exist', 'no_stream', 4, null, 4],
    ['an expectation that the stream exists', 'stream_exists', 'no_stream', null, null],
    ['any revision', 'any', 2, null, 2],
  ])('answers %s with null for the state words', (_name, expected, actual, expectedRevision, actualRevision) => {
    expect(conflict(expected, actual)).toMatchObject({ expectedRevision, actualRevision });
  });

  it('turns bigint revisions (EventStoreDB, a structured clone) into numbers', () => {
    expect(conflict(BigInt(7), BigInt(9))).toMatchObject({ expectedRevision: 7, actualRevision: 9 });
  });

  it('gives null rather than an inexact number or a negative one', () => {
    expect(conflict(BigInt(Number.MAX_SAFE_INTEGER) + 2n, -1)).toMatchObject({ expectedRevision: null, actualRevision: null });
  });
});
