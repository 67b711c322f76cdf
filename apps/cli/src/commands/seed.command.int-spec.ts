import { seededStore, SEED_UNTIL } from '../testing/seeded-store';

describe('crm seed', () => {
  it('gives the same data for the same seed: same event ids, data and business times', async () => {
    const [a, b, c] = await Promise.all([seededStore(300, 5), seededStore(300, 5), seededStore(300, 6)]);
    try {
      // Each data folder has its own master key, so the sealed bytes (and the chain hashes over them)
      // differ, and so do the fingerprints of commands on people's streams, keyed by their data keys.
      const facts = (events: typeof a.events) => events
        .map(({ id, streamName, revision, type, data, metadata: { hash: _hash, inputFingerprint: _fingerprint, ...metadata } }) => ({ id, streamName, revision, type, data, metadata }))
        .sort((x, y) => x.id.localeCompare(y.id));
      expect(facts(b.events)).toEqual(facts(a.events));
      expect(facts(c.events)).not.toEqual(facts(a.events));
      expect(a.events.every((e) => e.metadata.occurredAt < SEED_UNTIL)).toBe(true);
    } finally {
      [a, b, c].forEach((d) => d.cleanup());
    }
  });

  it('reports what it wrote, as JSON on request', async () => {
    const data = await seededStore(10, 1);
    try {
      const run = await data.run(['seed', '--leads', '20', '--seed', '2', '--until', SEED_UNTIL, '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ leads: 20, seed: 2, until: '2026-01-01T00:00:00.000Z', eventTypes: { LeadCaptured: 20 } });
      expect((await data.run(['seed', '--until', '2999-01-01T00:00:00Z'])).code).toBe(2);
    } finally {
      data.cleanup();
    }
  });
});
