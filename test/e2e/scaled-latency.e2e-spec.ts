import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@crm/application';
import { SECRET } from '../support/running-server';

/** Each process compiles its sources as it starts: slow while the rest of npm test runs beside them. */
const START_TIMEOUT_MS = 180_000;
import { startScaledShape, type ScaledShape } from '../support/scaled-shape';
import { captureLead, readLead } from '../support/scaled-leads';

/** Far longer than any answer below may take: an answer that came in time was told, not polled. */
const SAFETY_NET_POLL_MS = 30_000;
/** A mutation's read-your-writes wait gives up after 2 s; a told one answers long before on a loaded machine. */
const TOLD_WITHIN_MS = 1_500;

describe('the scaled shape on one data folder: a write is visible across processes by being told, not by polling', () => {
  let dataDir: string;
  let shape: ScaledShape | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-scaled-latency-'));
    shape = await startScaledShape(dataDir, { CRM_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', CRM_CROSS_PROCESS_POLL_MS: String(SAFETY_NET_POLL_MS) }, { apis: 2, projectors: 1 });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await shape?.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a captureLead through one API process with the lead stored by the projector process, and the other API process reads it at once', async () => {
    const [writer, reader] = shape!.apis;
    const rep = await signToken({ sub: 'rep-1', roles: ['rep'] }, SECRET);
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const { id, answered } = await captureLead(i % 2 === 0 ? writer : reader, rep, i);
      const tookMs = Date.now() - started;
      // The projector heard of the append and the API of the stored batch: with either left to its 30 s poll, no answer would hold the lead.
      expect(answered).toMatchObject({ id, status: 'NEW' });
      expect(tookMs).toBeLessThan(TOLD_WITHIN_MS);
      expect(await readLead(i % 2 === 0 ? reader : writer, rep, id)).toMatchObject({ id, status: 'NEW' });
    }
  }, 120_000);
});
