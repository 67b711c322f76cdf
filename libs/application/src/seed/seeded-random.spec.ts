import fc from 'fast-check';
import { SeededRandom } from './seeded-random';

describe('the seeded random source', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.next())(new SeededRandom(seed)));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays within its bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 100 }), (seed, min, width) => {
        const random = new SeededRandom(seed);
        const value = random.int(min, min + width);
        const unit = random.next();
        return Number.isInteger(value) && value >= min && value <= min + width && unit >= 0 && unit < 1;
      }),
    );
  });

  it('picks by weight', () => {
    const random = new SeededRandom(7);
    const counts = { A: 0, B: 0 };
    for (let i = 0; i < 10_000; i++) counts[random.weighted({ A: 3, B: 1 })]++;
    expect(counts.A / 10_000).toBeGreaterThan(0.72);
    expect(counts.A / 10_000).toBeLessThan(0.78);
  });
});
