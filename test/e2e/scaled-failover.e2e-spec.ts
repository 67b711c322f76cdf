import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openStores, signToken } from '@crm/application';
import { ALL_PROJECTIONS, PARKED_EVENTS, Projector, ReadModels } from '@crm/read-models';
import { snapshot } from '@crm/read-models/testing';
import type { ProductProcess } from '../support/product-process';
import { waitUntil } from '../support/privacy-fixtures';
import { SECRET } from '../support/running-server';
import { CONVERT, QUALIFY, WORK, captureLead, readLead } from '../support/scaled-leads';
import { checkpointPosition, lastLogPosition, projectorLeaseHolders, startScaledShape, type ScaledShape } from '../support/scaled-shape';

/** Each process compiles its sources as it starts: slow while the rest of npm test runs beside them. */
const START_TIMEOUT_MS = 180_000;
/** Short, so the takeover is seconds; renewed every third of it by the holder. */
const LEASE_TTL_MS = 2_000;
/** What the test's own look at the leases and a loaded machine's scheduling may add to the takeover. */
const OBSERVATION_SLACK_MS = LEASE_TTL_MS / 2;
/** Far longer than the test: every process hears of the others' commits by being told, or not in time. */
const SAFETY_NET_POLL_MS = 30_000;
/** A mutation's read-your-writes wait gives up after 2 s; a told one answers long before on a loaded machine. */
const TOLD_WITHIN_MS = 1_500;
const ENV = {
  CRM_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', CRM_CROSS_PROCESS_POLL_MS: String(SAFETY_NET_POLL_MS),
  CRM_PROJECTOR_LEASE_TTL_MS: String(LEASE_TTL_MS), CRM_WEBHOOK_LEASE_TTL_MS: String(LEASE_TTL_MS), CRM_WEBHOOK_TIMEOUT_MS: '500',
};
const ACCOUNT = 'query ($id: ID!) { account(id: $id) { id } }';
/** Every projection's lease, the lead conversion and pipeline revision processes' and the webhook deliverer's. */
const LEASES = ALL_PROJECTIONS.length + 3;

interface Story {
  leadId: string;
  accountId: string | null;
  /** Written while every projection had a live holder: read-your-writes must hold at once. */
  heldThroughout: boolean;
}

describe('the scaled shape on one data folder: 2 API and 2 projector processes, the lease holder killed under write load', () => {
  let dataDir: string;
  let shape: ScaledShape | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-scaled-failover-'));
    shape = await startScaledShape(dataDir, ENV);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await shape?.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is told of writes across processes; hands every lease to the other projector within the ttl; nothing is lost or applied twice; conversions complete', async () => {
    const { apis, projectors } = shape!;
    const rep = await signToken({ sub: 'rep-1', roles: ['rep'] }, SECRET);
    // The background processes' and the deliverer's leases are taken after "Projector running" is printed.
    await waitUntil('one projector holds every lease', async () => {
      const holders = projectorLeaseHolders(dataDir);
      return holders.size === LEASES && new Set(holders.values()).size === 1;
    }, 10_000);
    const holderPid = [...projectorLeaseHolders(dataDir).values()][0];
    const holder = projectors.find((projector) => projector.pid === holderPid)!;
    const survivor = projectors.find((projector) => projector !== holder)!;

    /** Bumped at the kill: a story that saw it start, or began before the takeover, proves nothing about read-your-writes. */
    let failovers = 0;
    let failingOver = false;
    /** A lead captured, worked, qualified and converted, each step through the other API than the last. */
    const story = async (client: number, i: number): Promise<Story> => {
      const heldFrom = failingOver ? -1 : failovers;
      const [first, second] = client === 0 ? apis : [apis[1], apis[0]];
      const started = Date.now();
      const { id: leadId, answered } = await captureLead(first, rep, i);
      const tookMs = Date.now() - started;
      if (heldFrom === 0 && failovers === 0) {
        // Before the kill: with every safety-net poll at 30 s, an answer in time holding the lead, and
        // the other API reading it at once, can only have been told (the projector of the append, the
        // API of the stored batch).
        expect(answered).toMatchObject({ id: leadId, status: 'NEW' });
        expect(tookMs).toBeLessThan(TOLD_WITHIN_MS);
        expect(await readLead(second, rep, leadId)).toMatchObject({ id: leadId, status: 'NEW' });
      }
      await second.gql(rep, WORK, { input: { leadId } });
      await first.gql(rep, QUALIFY, { input: { leadId } });
      const input = { leadId, account: { kind: 'COMPANY' }, opportunity: { name: `Steigers ${i}`, amount: '12500.00', currency: 'EUR' } };
      const converted = await second.gql<{ convertLead: { lead: { status: string; convertedAccountId: string | null } } }>(rep, CONVERT, { input });
      const done = { leadId, accountId: converted.convertLead.lead.convertedAccountId, heldThroughout: heldFrom === failovers };
      if (done.heldThroughout) {
        expect(converted.convertLead.lead.status).toBe('CONVERTED');
        expect(await readLead(first, rep, leadId)).toMatchObject({ status: 'CONVERTED', convertedAccountId: done.accountId });
      }
      return done;
    };
    const stories: Story[] = [];
    let next = 0;
    let writing = true;
    /** Two clients, each one story at a time, until told to stop: the write load through both APIs. */
    const load = Promise.all([0, 1].map(async (client) => {
      while (writing) stories.push(await story(client, next++));
    }));
    // Settled below; a story failing meanwhile fails the wait it races, not the process.
    load.catch(() => undefined);
    const during = <T>(wait: Promise<T>): Promise<T> => Promise.race([wait, load.then(() => wait)]);

    let afterTakeover: number;
    let takenOverAt: bigint;
    try {
      await during(waitUntil('a few stories are written before the kill', async () => stories.length >= 4, 30_000));
      failingOver = true;
      failovers++;
      const killedAt = Date.now();
      await holder.kill('SIGKILL');
      await during(waitUntil('the survivor holds every lease', async () => {
        const holders = projectorLeaseHolders(dataDir);
        return holders.size === LEASES && [...holders.values()].every((pid) => pid === survivor.pid);
      }, 4 * LEASE_TTL_MS));
      expect(Date.now() - killedAt).toBeLessThanOrEqual(LEASE_TTL_MS + OBSERVATION_SLACK_MS);
      takenOverAt = lastLogPosition(dataDir)!;
      failingOver = false;
      afterTakeover = stories.length;
      await during(waitUntil('a few stories are written after the takeover', async () => stories.length >= afterTakeover + 6, 30_000));
    } finally {
      writing = false;
    }
    await load;

    // Every conversion, before, during and after the failover, is complete and readable through either API.
    for (const { leadId, accountId } of stories) {
      for (const api of apis) {
        await waitUntil(`lead ${leadId} reads as converted`, async () => (await readLead(api, rep, leadId))?.status === 'CONVERTED', 5_000);
        expect(await api.gql(rep, ACCOUNT, { id: accountId ?? (await readLead(api, rep, leadId))?.convertedAccountId })).toMatchObject({ account: { id: expect.any(String) } });
      }
    }
    // Read-your-writes was checked at once after the takeover too, not only before the kill.
    expect(stories.slice(afterTakeover).filter((s) => s.heldThroughout).length).toBeGreaterThanOrEqual(4);
    // The survivor's lead conversion process took the conversions made after the takeover (the dead
    // holder could not move its checkpoint past them).
    const lastConversion = lastLogPosition(dataDir, 'LeadConverted')!;
    expect(lastConversion).toBeGreaterThan(takenOverAt);
    await waitUntil('the lead conversion process passed the last conversion', async () => (checkpointPosition(dataDir, 'process:lead-conversion') ?? 0n) >= lastConversion, 10_000);
    await expectAppliedExactlyOnce(dataDir, () => stopAll([...apis, survivor]));
  }, 120_000);
});

const stopAll = async (processes: readonly ProductProcess[]): Promise<void> => {
  const codes = await Promise.all(processes.map((child) => child.stop()));
  expect(codes).toEqual(processes.map(() => 0));
};

/**
 * Once every projection has caught up with the log (waited for before `stop`), the read models equal
 * a rebuild from the log (an event lost would be missing from them, one applied twice would have
 * counted twice), and no event was parked.
 */
const expectAppliedExactlyOnce = async (dataDir: string, stop: () => Promise<void>): Promise<void> => {
  const env = { ...process.env, ...ENV, CRM_DATA_DIR: dataDir };
  const stores = await openStores(loadConfig(env), env);
  try {
    const head = (await stores.eventStore.headPosition())!;
    const readers = new ReadModels(stores.readStore, stores.eventStore);
    expect(await readers.waitForPosition(head, ALL_PROJECTIONS.map((p) => p.name), 10_000)).toBe(true);
    await stop();
    expect(await stores.readStore.count(PARKED_EVENTS)).toBe(0);
    const live = await snapshot(stores.readStore, ALL_PROJECTIONS);
    await new Projector(stores.eventStore, stores.readStore, { log: () => undefined, dropGraceMs: 0 }).rebuild();
    expect(await snapshot(stores.readStore, ALL_PROJECTIONS)).toEqual(live);
  } finally {
    await stores.close();
  }
};
