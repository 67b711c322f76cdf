import { Outbox } from './outbox';
import type { FromWriteWorker } from './worker-messages';

const generation = { version: 1, generation: 1 };
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Posts as a MessagePort does: a clone of the message, or the clone's error thrown at the sender. */
const port = () => {
  const posted: FromWriteWorker[] = [];
  const failed: Array<[number, string]> = [];
  const outbox = new Outbox(
    (message) => posted.push(structuredClone(message)),
    (id, error) => failed.push([id, String(error)]),
  );
  return { outbox, posted, failed };
};

describe('Outbox', () => {
  it("sends a turn's outcomes and news as one message, each projection's latest news once, before the outcomes", async () => {
    const { outbox, posted } = port();
    outbox.send({ kind: 'outcome', id: 1, outcome: { revision: 0 } });
    outbox.send({ kind: 'checkpointed', projection: 'leads', position: 4n, generation });
    outbox.send({ kind: 'checkpointed', projection: 'accounts', position: 5n, generation });
    outbox.send({ kind: 'checkpointed', projection: 'leads', position: 9n, generation });
    outbox.send({ kind: 'outcome', id: 2, outcome: { revision: 3 } });
    expect(posted).toEqual([]);
    await nextTurn();
    expect(posted).toEqual([{
      kind: 'several',
      messages: [
        { kind: 'checkpointed', projection: 'leads', position: 9n, generation },
        { kind: 'checkpointed', projection: 'accounts', position: 5n, generation },
        { kind: 'outcome', id: 1, outcome: { revision: 0 } },
        { kind: 'outcome', id: 2, outcome: { revision: 3 } },
      ],
    }]);
  });

  it('sends a lone message as itself', async () => {
    const { outbox, posted } = port();
    outbox.send({ kind: 'outcome', id: 1, outcome: null });
    await nextTurn();
    expect(posted).toEqual([{ kind: 'outcome', id: 1, outcome: null }]);
  });

  it('sends anything else at once, after what was gathered', () => {
    const { outbox, posted } = port();
    outbox.send({ kind: 'outcome', id: 1, outcome: null });
    outbox.send({ kind: 'stopped' });
    expect(posted).toEqual([{ kind: 'outcome', id: 1, outcome: null }, { kind: 'stopped' }]);
  });

  it('fails only the command whose outcome cannot be cloned', async () => {
    const { outbox, posted, failed } = port();
    outbox.send({ kind: 'outcome', id: 1, outcome: { revision: 0 } });
    outbox.send({ kind: 'outcome', id: 2, outcome: { callback: () => 'not cloneable' } });
    outbox.send({ kind: 'checkpointed', projection: 'leads', position: 4n, generation });
    await nextTurn();
    expect(posted).toEqual([
      { kind: 'checkpointed', projection: 'leads', position: 4n, generation },
      { kind: 'outcome', id: 1, outcome: { revision: 0 } },
    ]);
    expect(failed).toEqual([[2, expect.stringMatching(/could not be cloned/)]]);
  });
});
