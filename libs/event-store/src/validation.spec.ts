import fc from 'fast-check';
import { InvalidEventStoreRequestError } from './errors';
import { assertJsonValue } from './validation';

const refusal = (value: unknown): { field?: string; message: string } | null => {
  try {
    assertJsonValue(value, 'data');
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventStoreRequestError);
    return { field: (error as InvalidEventStoreRequestError).field, message: (error as Error).message };
  }
};

describe('assertJsonValue', () => {
  it('accepts any JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(refusal(value)).toBeNull()), { numRuns: 500 });
  });

  it('accepts a hole in a list, as JSON.stringify writes it null', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(refusal({ list: [1, , 3] })).toBeNull();
  });

  it.each<[string, unknown, string, RegExp]>([
    ['NaN deep in a list', { a: [{ b: 1 }, { c: [Number.NaN] }] }, 'data.a[1].c[0]', /is NaN, which JSON cannot represent/],
    ['undefined as a value', { a: { b: undefined } }, 'data.a.b', /is a undefined, which is not JSON/],
    ['undefined in a list', { a: [1, undefined] }, 'data.a[1]', /which is not JSON/],
    ['a Date', { at: new Date(0) }, 'data.at', /is a Date, which is not JSON/],
    ['a bigint', { n: 1n }, 'data.n', /is a bigint/],
  ])('names the field of %s', (_, value, field, message) => {
    const refused = refusal(value);
    expect(refused?.field).toBe(field);
    expect(refused?.message).toMatch(message);
  });

  it('refuses a cycle as nested too deep', () => {
    const value: Record<string, unknown> = {};
    value.self = value;
    expect(refusal(value)?.message).toMatch(/nested deeper than 64 levels/);
  });
});
