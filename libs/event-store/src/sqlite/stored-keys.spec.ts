import fc from 'fast-check';
import { uuidAt } from './hex-text';
import { isLowerUuid, toStoredKey, uuidBytes } from './stored-keys';

describe('stored keys', () => {
  it('keeps a lower-case uuid as its 16 bytes, which read back as the same uuid', () => {
    fc.assert(
      fc.property(fc.uuid(), (uuid) => {
        const bytes = uuidBytes(uuid);
        expect(bytes).toEqual(Buffer.from(uuid.replace(/-/g, ''), 'hex'));
        expect(uuidAt(bytes.toString('hex'), 0)).toBe(uuid);
      }),
      { numRuns: 1_000 },
    );
  });

  it('keeps anything else as its text', () => {
    const upper = '0190A8C4-7E6B-7CC1-8A43-5F2A1E6B9D10';
    expect(isLowerUuid(upper)).toBe(false);
    expect(toStoredKey(upper)).toBe(upper);
    expect(toStoredKey('pipeline-default')).toBe('pipeline-default');
    expect(toStoredKey('0190a8c4-7e6b-7cc1-8a43-5f2a1e6b9d10')).toEqual(Buffer.from('0190a8c47e6b7cc18a435f2a1e6b9d10', 'hex'));
  });
});
