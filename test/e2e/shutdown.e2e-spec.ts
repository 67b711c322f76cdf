import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { OperationsInFlight } from '../../apps/api/src/shared/operations-in-flight';
import { startServer, type RunningServer } from '../support/running-server';

/** Until the API has started this many GraphQL operations: they reached the process, whatever the machine's load. */
const operationsStarted = async (server: RunningServer, count: number): Promise<void> => {
  const inFlight = server.embedded.app.get(OperationsInFlight, { strict: false });
  while (inFlight.count < count) await new Promise((resolve) => setTimeout(resolve, 5));
};

const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { revision lead { id status } } }';

describe('stopping the embedded process', () => {
  it('answers the mutations in flight before it stops taking writes', async () => {
    // Commands reach the write worker 300 ms late, so these are all in flight when stop() begins.
    const server = await startServer({ workerPreload: join(__dirname, '../../src/write-worker/testing/slow-commands.js') });
    const token = await server.token('rep');
    const inFlight = Array.from({ length: 8 }, (_, i) =>
      server.gql<{ captureLead: { revision: number; lead: { status: string } } }>(token, CAPTURE, {
        input: { firstName: 'Late', lastName: `Lead ${i}`, email: `late${i}@example.nl`, companyName: 'Laat B.V.', source: 'EVENT' },
      }),
    );
    await operationsStarted(server, inFlight.length);
    await server.stop();
    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => answer.errors)).toEqual(answers.map(() => undefined));
    expect(answers.map((answer) => answer.data?.captureLead)).toEqual(answers.map(() => ({ revision: 0, lead: { id: expect.any(String), status: 'NEW' } })));
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
