import fc from 'fast-check';
import { ChangeQueue } from './change-queue';

describe('the change queue', () => {
  it('gives back what was pushed, first in first out, across drains and compactions', () => {
    const step = fc.oneof(fc.integer({ min: 1, max: 3_000 }).map((count) => ({ push: count })), fc.integer({ min: 1, max: 3_000 }).map((count) => ({ take: count })));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        const queue = new ChangeQueue<number>();
        const model: number[] = [];
        let next = 0;
        for (const s of steps) {
          if ('push' in s) for (let i = 0; i < s.push; i++) (queue.push(next), model.push(next++));
          else {
            const taken = Array.from({ length: s.take }, () => queue.take());
            const expected = Array.from({ length: s.take }, () => model.shift());
            if (taken.some((value, i) => value !== expected[i])) expect(taken).toEqual(expected);
          }
          if (queue.length !== model.length) expect(queue.length).toBe(model.length);
        }
        queue.clear();
        expect(queue.length).toBe(0);
        expect(queue.take()).toBeUndefined();
      }),
    );
  });
});
