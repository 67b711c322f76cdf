import fc from 'fast-check';
import { canonicalJson, type JsonValue } from '@crm/event-store';
import { canonicalInput } from './command-fingerprint';

class ClassInstance {
  constructor(
    readonly leadId: string,
    readonly notes?: string,
  ) {}
}

describe('the canonical form of a command input', () => {
  it.each([
    ['a flat input', { leadId: 'a', firstName: 'Sanne', ownerId: null }],
    ['nested objects and lists', { account: { name: 'B.V.', tags: ['x', { b: 1, a: 2 }] }, amounts: [1.5, -2, 0] }],
    ['text that needs escaping', { notes: 'line\nbreak "quoted" \u00e9\u0000' }],
    ['undefined members, in objects and lists', { a: undefined, b: [undefined, 1], c: { d: undefined } }],
    ['a Date', { at: new Date('2026-03-01T10:00:00Z') }],
    ['a class instance', new ClassInstance('a')],
    ['a bare value', 'x'],
  ])('is what the JSON the input would travel as gives: %s', (_name, input) => {
    expect(canonicalInput(input)).toBe(canonicalJson(JSON.parse(JSON.stringify(input)) as JsonValue));
  });

  it('does not depend on key order, nor on members left undefined', () => {
    expect(canonicalInput({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalInput({ a: { c: 3, d: 2 }, b: 1, e: undefined }));
  });

  it('tells null from absent and a value from another', () => {
    expect(canonicalInput({ a: null })).not.toBe(canonicalInput({}));
    expect(canonicalInput({ a: '1' })).not.toBe(canonicalInput({ a: 1 }));
  });
});

/** The form every stored fingerprint was made from, before the text was built by appending. */
const joinedInput = (value: unknown): string => {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return joinedInput((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map(joinedInput).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${joinedInput(record[key])}`).join(',')}}`;
};

describe('the canonical form of a command input, against the form stored fingerprints were made from', () => {
  const input = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 1 }),
      fc.constant(undefined),
      fc.date({ noInvalidDate: true }),
      fc.func(fc.integer()),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('10', '9', 'é')), tie('value'), { maxKeys: 5 }),
    ),
  })).value;

  it('is the same text for any input', () => {
    fc.assert(fc.property(input, (value) => expect(canonicalInput(value)).toBe(joinedInput(value))), { numRuns: 2_000 });
  });

  it('is the text stored fingerprints were made from, for a fixed input', () => {
    const input = { leadId: 'l-1', email: 'jan@acme.nl', at: new Date('2026-12-05T06:00:00Z'), list: [1, undefined, { z: 1, a: [] }], skip: undefined, '10': 'x', '9': 'y' };
    expect(canonicalInput(input)).toBe('{"10":"x","9":"y","at":"2026-12-05T06:00:00.000Z","email":"jan@acme.nl","leadId":"l-1","list":[1,null,{"a":[],"z":1}]}');
  });

  it('writes a hole in a list as the joined form did', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalInput({ list: [1, , 3] })).toBe(joinedInput({ list: [1, , 3] }));
  });
});
