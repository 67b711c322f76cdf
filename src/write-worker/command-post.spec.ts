import { CommandPost } from './command-post';
import type { ToWriteWorker } from './worker-messages';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const execute = (id: number, data: unknown = { leadId: `lead-${id}` }): ToWriteWorker => ({ kind: 'execute', id, command: 'CaptureLeadCommand', data, context: { actor: 'rep-1' } });

/** Posts as a MessagePort does: a clone of the message, or the clone's error thrown at the sender. */
const port = () => {
  const posted: ToWriteWorker[] = [];
  const failed: Array<[number, string]> = [];
  const commands = new CommandPost(
    (message) => posted.push(structuredClone(message)),
    (id, error) => failed.push([id, String(error)]),
  );
  return { commands, posted, failed };
};

describe('CommandPost', () => {
  it("posts a turn's commands as one message, in the order they were sent", async () => {
    const { commands, posted } = port();
    commands.send(execute(1));
    commands.send(execute(2));
    commands.send(execute(3));
    expect(posted).toEqual([]);
    await nextTurn();
    expect(posted).toEqual([{ kind: 'several', messages: [execute(1), execute(2), execute(3)] }]);
    commands.send(execute(4));
    await nextTurn();
    expect(posted).toEqual([{ kind: 'several', messages: [execute(1), execute(2), execute(3)] }, execute(4)]);
  });

  it('posts anything else at once, after the commands gathered before it', () => {
    const { commands, posted } = port();
    commands.send(execute(1));
    commands.send({ kind: 'switched', projection: 'leads' });
    commands.send({ kind: 'stop' });
    expect(posted).toEqual([execute(1), { kind: 'switched', projection: 'leads' }, { kind: 'stop' }]);
  });

  it('fails only the command whose input cannot be cloned', async () => {
    const { commands, posted, failed } = port();
    commands.send(execute(1));
    commands.send(execute(2, { callback: () => 'not cloneable' }));
    commands.send(execute(3));
    await nextTurn();
    expect(posted).toEqual([execute(1), execute(3)]);
    expect(failed).toEqual([[2, expect.stringMatching(/could not be cloned/)]]);
  });
});
