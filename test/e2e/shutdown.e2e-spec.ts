import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { OperationsInFlight } from '../../apps/api/src/shared/operations-in-flight';
import { CommandGate, GATED_COMMANDS } from '../support/command-gate';
import { connectionRefusal, openConnection, postOn, type RawResponse } from '../support/raw-http';
import { startServer, type RunningServer } from '../support/running-server';

/** Until the API has started this many GraphQL operations: they reached the process, whatever the machine's load. */
const operationsStarted = async (server: RunningServer, count: number): Promise<void> => {
  const inFlight = server.embedded.app.get(OperationsInFlight, { strict: false });
  while (inFlight.count < count) await new Promise((resolve) => setTimeout(resolve, 5));
};

const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { revision lead { id status } } }';
const captureBody = (lastName: string): string =>
  JSON.stringify({ query: CAPTURE, variables: { input: { firstName: 'Late', lastName, email: `${lastName.replace(/\W/g, '').toLowerCase()}@example.nl`, companyName: 'Laat B.V.', source: 'EVENT' } } });

const turnsUntil = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
};

const outcomeOf = (response: RawResponse): [number, string | undefined, unknown] => {
  const body = JSON.parse(response.body) as { data?: { captureLead?: { revision: number; lead: { status: string } } }; errors?: unknown };
  return [response.status, response.headers.connection, body.data?.captureLead ?? body.errors];
};

describe('stopping the embedded process', () => {
  it('answers every request that reached it, on connections kept alive and on new ones, and then refuses connections', async () => {
    const server = await startServer({ workerPreload: GATED_COMMANDS });
    const gate = new CommandGate(server.dataDir);
    try {
      const http = server.embedded.app.getHttpServer();
      const { port } = http.address() as AddressInfo;
      const auth = { authorization: `Bearer ${await server.token('rep')}` };
      // Kept alive: each connection was answered once, and carries a second request, held in the write path.
      const kept = await Promise.all([0, 1, 2, 3].map(() => openConnection(port)));
      await Promise.all(kept.map((socket) => postOn(socket, '/graphql', auth, JSON.stringify({ query: '{ leads(first: 1) { totalCount } }' }))));
      const heldInFlight = kept.map((socket, i) => postOn(socket, '/graphql', auth, captureBody(`Kept ${i}`)));
      await gate.held(kept.length);
      // Just sent: the requests are with the server's kernel, not read yet, when the stop begins.
      const opened = await Promise.all([0, 1, 2, 3].map(() => openConnection(port)));
      const justSent = opened.map((socket, i) => postOn(socket, '/graphql', auth, captureBody(`New ${i}`)));
      const stopped = server.stop();
      await turnsUntil(() => !http.listening);
      expect(await connectionRefusal(port)).toBe('ECONNREFUSED');
      gate.open();
      const answers = await Promise.all([...heldInFlight, ...justSent].map((response) => response.catch((error: Error) => error.message)));
      await stopped;
      expect(answers.map((answer) => (typeof answer === 'string' ? answer : outcomeOf(answer)))).toEqual(
        answers.map(() => [200, 'close', { revision: 0, lead: { id: expect.any(String), status: 'NEW' } }]),
      );
    } finally {
      gate.close();
    }
  });

  it('lets a mutation whose client hung up finish before the stores close', async () => {
    const server = await startServer({ workerPreload: join(__dirname, '../../src/write-worker/testing/slow-commands.js') });
    const token = await server.token('rep');
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      const hangUp = new AbortController();
      const abandoned = fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: CAPTURE, variables: { input: { firstName: 'Gone', lastName: 'Client', email: 'gone@example.nl', companyName: 'Weg B.V.', source: 'EVENT' } } }),
        signal: hangUp.signal,
      }).catch((error: unknown) => error);
      await operationsStarted(server, 1);
      hangUp.abort();
      await abandoned;
      await server.stop();
      // Its command reached the write path 300 ms late; its read then ran against open stores.
      expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([]);
    } finally {
      errors.mockRestore();
    }
  });
});
