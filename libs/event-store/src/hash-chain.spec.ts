import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, chainHash, genesisHash, type ChainedFields } from './hash-chain';
import type { JsonValue } from './json';

/**
 * The canonical form and chain link as every stored chain was computed before they were built by
 * appending: the current ones must give the same bytes, or stored chains would stop verifying.
 */
const joinedCanonical = (value: JsonValue): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(joinedCanonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${joinedCanonical(value[k] as JsonValue)}`).join(',')}}`;
};
const joinedChainHash = (previous: string, event: ChainedFields): string => {
  const { hash: _link, ...metadata } = event.metadata;
  return createHash('sha256').update(previous).update('\n').update(joinedCanonical([event.id, event.type, event.revision, event.data, metadata])).digest('hex');
};

/** JSON with the keys that order differently from their text (integer-like ones) and a chain link among them. */
const json = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('10', '9', '0', 'hash', '__proto__', 'é', '\u{1F600}')), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('the canonical JSON of the hash chain', () => {
  it('is the text the joined form wrote, for any JSON', () => {
    fc.assert(fc.property(json, (value) => expect(canonicalJson(value)).toBe(joinedCanonical(value))), { numRuns: 2_000 });
  });

  it('writes holes and undefined as the joined form did', () => {
    // eslint-disable-next-line no-sparse-arrays
    const odd = { list: [1, , undefined, 'x'], missing: undefined } as unknown as JsonValue;
    expect(canonicalJson(odd)).toBe(joinedCanonical(odd));
    expect(canonicalJson(odd)).toBe('{"list":[1,,,"x"],"missing":undefined}');
  });

  it('links an event as the joined form did, leaving the metadata\'s own link out', () => {
    const event = fc.record({
      id: fc.uuid(),
      type: fc.string({ minLength: 1 }),
      revision: fc.nat(),
      data: json,
      metadata: fc.dictionary(fc.oneof(fc.string(), fc.constant('hash')), json, { maxKeys: 6 }) as fc.Arbitrary<{ [key: string]: JsonValue }>,
    });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), event, (previous, e) => expect(chainHash(previous, e)).toBe(joinedChainHash(previous, e))), { numRuns: 1_000 });
  });

  it('covers every field but the stored link itself', () => {
    const event = { id: '0190a8c4-7e6b-7cc1-8a43-5f2a1e6b9d10', type: 'LeadCaptured', revision: 0, data: { a: 1 }, metadata: { actor: 'u' } };
    expect(chainHash('x', { ...event, metadata: { ...event.metadata, hash: 'anything' } })).toBe(chainHash('x', event));
    expect(chainHash('x', { ...event, revision: 1 })).not.toBe(chainHash('x', event));
  });

  it('gives the link stored chains hold for a fixed event', () => {
    const event = {
      id: '0190a8c4-7e6b-7cc1-8a43-5f2a1e6b9d10', type: 'LeadCaptured', revision: 0,
      data: { leadId: 'l-1', companyName: 'Acme B.V.', personal: { subjectId: 's', fields: ['firstName', 'email'], nonce: 'bm9uY2U=', ciphertext: 'Y2lwaGVy' }, tags: [1, 'é', null, { b: true, a: -0.5 }] },
      metadata: { actor: 'u-1', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2026-12-05T06:00:00.000Z', hash: 'ignored', '10': 1, '9': 2 },
    };
    // Computed by the joined form (8922ebb); a stored chain with this event verifies only if this holds.
    expect(chainHash(genesisHash('lead-l-1'), event)).toBe('83c34632c25967406335c7a2fa7258d0f793a0da66adebed40dabb6fb88dbdd8');
  });

  it('starts a stream at the hash of its name', () => {
    expect(genesisHash('lead-1')).toBe(createHash('sha256').update('stream:lead-1').digest('hex'));
  });
});
