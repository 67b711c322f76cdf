import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { OperationsInFlight } from './operations-in-flight';

type Listener = GraphQLRequestListener<Record<string, never>>;

const start = async (plugin: ApolloServerPlugin): Promise<Listener> =>
  (await plugin.requestDidStart!({} as never)) as Listener;

describe('OperationsInFlight', () => {
  it('is drained at once when nothing runs', async () => {
    await expect(new OperationsInFlight().drained(10)).resolves.toBe(true);
  });

  it('drains when the last running operation has answered', async () => {
    const inFlight = new OperationsInFlight();
    const first = await start(inFlight.plugin);
    const second = await start(inFlight.plugin);
    let drained: boolean | undefined;
    const waiting = inFlight.drained(5_000).then((value) => (drained = value));
    await first.willSendResponse!({} as never);
    await Promise.resolve();
    expect(drained).toBeUndefined();
    expect(inFlight.count).toBe(1);
    await second.willSendResponse!({} as never);
    await expect(waiting).resolves.toBe(true);
    expect(inFlight.count).toBe(0);
  });

  it('gives up after the timeout and says so', async () => {
    const inFlight = new OperationsInFlight();
    await start(inFlight.plugin);
    await expect(inFlight.drained(20)).resolves.toBe(false);
  });
});
