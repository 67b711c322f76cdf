import { KeyedQueue } from './keyed-queue';

/** A promise the test settles by hand. */
const gate = () => {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
};

describe('work under one key runs one after another', () => {
  it('starts the next only when the one before settled, and runs other keys at once', async () => {
    const queue = new KeyedQueue();
    const started: string[] = [];
    const first = gate();
    const a1 = queue.run('a', async () => { started.push('a1'); await first.promise; });
    const a2 = queue.run('a', async () => { started.push('a2'); });
    const b1 = queue.run('b', async () => { started.push('b1'); });
    await b1;
    expect(started).toEqual(['a1', 'b1']);
    first.open();
    await Promise.all([a1, a2]);
    expect(started).toEqual(['a1', 'b1', 'a2']);
  });

  it('runs the next after a failure, which only its own caller sees', async () => {
    const queue = new KeyedQueue();
    const first = gate();
    const failing = queue.run('a', () => first.promise);
    const next = queue.run('a', async () => 'ran');
    first.fail(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('forgets a key once its work is done', async () => {
    const queue = new KeyedQueue();
    await queue.run('a', async () => undefined);
    await Promise.resolve();
    expect((queue as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
  });
});
