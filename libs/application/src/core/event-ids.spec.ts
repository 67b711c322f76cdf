import { randomUUID } from 'node:crypto';
import { derivedUuid, deterministicUuid, newId, uuidV7At, uuidV7Time } from './event-ids';

const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const versionOf = (id: string): number => parseInt(id[14], 16);
/** The two variant bits: 0b10 for RFC 9562 uuids. */
const variantOf = (id: string): number => parseInt(id[19], 16) >> 2;
const sorted = (ids: readonly string[]): string[] => [...ids].sort();

describe('newId', () => {
  it('is a lower-case version 7 uuid with the RFC 9562 variant, carrying the time it was made', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(LOWER_UUID);
    expect(versionOf(id)).toBe(7);
    expect(variantOf(id)).toBe(0b10);
    expect(uuidV7Time(id)).toBeGreaterThanOrEqual(before);
    expect(uuidV7Time(id)).toBeLessThanOrEqual(after);
  });

  it('sorts in creation order, also among ids made within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    // The first id not greater than the one made before it, if any.
    expect(ids.findIndex((id, i) => i > 0 && id <= ids[i - 1])).toBe(-1);
    const perMillisecond = new Map<number, number>();
    for (const id of ids) perMillisecond.set(uuidV7Time(id)!, (perMillisecond.get(uuidV7Time(id)!) ?? 0) + 1);
    // Thousands of ids in a few milliseconds: many share one, and still sort as made.
    expect(Math.max(...perMillisecond.values())).toBeGreaterThan(1);
  });

  it('keeps sorting in creation order when the clock steps back', () => {
    const now = Date.now;
    try {
      const first = newId();
      Date.now = () => now() - 60_000;
      const second = newId();
      expect(second > first).toBe(true);
      expect(uuidV7Time(second)).toBe(uuidV7Time(first));
    } finally {
      Date.now = now;
    }
  });

  it('is not guessable from the one before it', () => {
    const [a, b] = [newId(), newId()];
    expect(a.slice(24)).not.toBe(b.slice(24));
  });
});

describe('derivedUuid', () => {
  it('gives the same uuid for the same base and parts, and another for other parts or another base', () => {
    const base = newId();
    expect(derivedUuid(base, 'lead-1', '0')).toBe(derivedUuid(base, 'lead-1', '0'));
    expect(derivedUuid(base, 'lead-1', '1')).not.toBe(derivedUuid(base, 'lead-1', '0'));
    expect(derivedUuid(base, 'lead-1', '0')).not.toBe(derivedUuid(newId(), 'lead-1', '0'));
    // Parts are kept apart: ('ab', 'c') is not ('a', 'bc').
    expect(derivedUuid(base, 'ab', 'c')).not.toBe(derivedUuid(base, 'a', 'bc'));
  });

  it('from a version 7 base is a version 7 uuid at the base\'s millisecond', () => {
    const base = uuidV7At(Date.UTC(2026, 2, 2, 10, 0, 0, 123), 'a command');
    const id = derivedUuid(base, 'lead-1', '0');
    expect(id).toMatch(LOWER_UUID);
    expect(versionOf(id)).toBe(7);
    expect(variantOf(id)).toBe(0b10);
    expect(uuidV7Time(id)).toBe(Date.UTC(2026, 2, 2, 10, 0, 0, 123));
    expect(id.slice(0, 13)).toBe(base.slice(0, 13));
  });

  it('sorts what commands write in the order of the commands', () => {
    const commands = Array.from({ length: 200 }, () => newId());
    const derived = commands.map((commandId) => derivedUuid(commandId, 'lead-x', '0'));
    const byMillisecond = derived.map(uuidV7Time);
    expect([...byMillisecond].sort((a, b) => a! - b!)).toEqual(byMillisecond);
  });

  it('reads the time of a base in upper case too', () => {
    const base = newId();
    expect(uuidV7Time(derivedUuid(base.toUpperCase(), 'x'))).toBe(uuidV7Time(base));
  });

  it('from a version 4 base (a caller\'s own command id) is the version 5 uuid it always was', () => {
    const base = randomUUID();
    const id = derivedUuid(base, 'lead-1', '0');
    expect(id).toBe(deterministicUuid(base, 'lead-1', '0'));
    expect(versionOf(id)).toBe(5);
    expect(variantOf(id)).toBe(0b10);
    // Pinned: events already stored were given exactly this id, and a retry must find it again.
    expect(derivedUuid('8d3c1e2a-4b5f-4a6b-9c7d-0e1f2a3b4c5d', 'lead-8d3c1e2a-4b5f-4a6b-9c7d-0e1f2a3b4c5d', '0')).toBe('9169e9d5-625a-5a19-9b89-3e6b98c42eca');
  });

  it('from a base that is no version 7 uuid at all (a name, a version 5 id) is the version 5 uuid', () => {
    expect(derivedUuid('retention', 'x')).toBe(deterministicUuid('retention', 'x'));
    const v5 = deterministicUuid('seed', 'pipeline');
    expect(versionOf(derivedUuid(v5, 'define'))).toBe(5);
  });
});

describe('deterministicUuid', () => {
  it('is the version 5 uuid stored events were given before version 7 ids existed', () => {
    expect(deterministicUuid('webhook delivery', 'w1', 'e1')).toBe(deterministicUuid('webhook delivery', 'w1', 'e1'));
    expect(versionOf(deterministicUuid('a'))).toBe(5);
  });
});

describe('uuidV7At', () => {
  it('is a deterministic version 7 uuid at the instant, whole milliseconds', () => {
    const at = Date.UTC(2025, 5, 1, 9, 30);
    expect(uuidV7At(at, 'seed', '42', 'lead', '7')).toBe(uuidV7At(at, 'seed', '42', 'lead', '7'));
    expect(uuidV7At(at, 'seed', '42', 'lead', '7')).not.toBe(uuidV7At(at, 'seed', '42', 'lead', '8'));
    const id = uuidV7At(at + 0.75, 'x');
    expect(id).toMatch(LOWER_UUID);
    expect(versionOf(id)).toBe(7);
    expect(variantOf(id)).toBe(0b10);
    expect(uuidV7Time(id)).toBe(at);
  });

  it('orders ids by their instants, whatever their parts', () => {
    const instants = [0, 1, 999, 1_000, Date.UTC(2000, 0, 1), Date.UTC(2026, 11, 4), 2 ** 48 - 1];
    const ids = instants.map((at, i) => uuidV7At(at, `thing ${instants.length - i}`));
    expect(sorted(ids)).toEqual(ids);
    expect(ids.map(uuidV7Time)).toEqual(instants);
  });

  it('refuses an instant a version 7 uuid cannot hold', () => {
    for (const at of [-1, 2 ** 48, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => uuidV7At(at, 'x')).toThrow(RangeError);
  });
});

describe('uuidV7Time', () => {
  it('reads the millisecond of a version 7 uuid, and nothing from any other', () => {
    expect(uuidV7Time('017f22e2-79b0-7cc3-98c4-dc0c0c07398f')).toBe(0x017f22e279b0);
    expect(uuidV7Time(randomUUID())).toBeNull();
    expect(uuidV7Time('017f22e2-79b0-7cc3-c8c4-dc0c0c07398f')).toBeNull();
    expect(uuidV7Time('not a uuid')).toBeNull();
  });
});
