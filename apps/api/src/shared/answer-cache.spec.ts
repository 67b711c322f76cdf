import { AnswerCache } from './answer-cache';

/** A computation that counts its runs. */
const computation = <T>(answer: T) => {
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    run: async () => {
      runs++;
      return answer;
    },
  };
};

const at = (version: string | null, collection = 'leads_v1') => ({ collection, version });

describe('AnswerCache', () => {
  it('computes once per read model, serving copy, token and key, and again under another token', async () => {
    const cache = new AnswerCache();
    const first = computation('a');
    expect(await cache.answer('leads', at('5@t'), 'count', first.run)).toBe('a');
    expect(await cache.answer('leads', at('5@t'), 'count', first.run)).toBe('a');
    expect(first.runs).toBe(1);
    const other = computation('b');
    expect(await cache.answer('leads', at('5@t'), 'count other', other.run)).toBe('b');
    expect(await cache.answer('accounts', at('5@t', 'accounts_v2'), 'count', other.run)).toBe('b');
    const next = computation('c');
    expect(await cache.answer('leads', at('6@t'), 'count', next.run)).toBe('c');
    expect(next.runs).toBe(1);
  });

  it('drops every answer of a read model once a read sees a new token or a rebuilt copy', async () => {
    const cache = new AnswerCache();
    await cache.answer('leads', at('5@t'), 'count NEW', async () => 1);
    await cache.answer('leads', at('5@t'), 'count WORKING', async () => 2);
    await cache.answer('accounts', at('5@t', 'accounts_v2'), 'count', async () => 3);
    expect(cache.size).toBe(3);
    await cache.answer('leads', at('6@t'), 'count NEW', async () => 10);
    expect(cache.size).toBe(2);
    expect(await cache.answer('leads', at('6@t'), 'count WORKING', async () => 20)).toBe(20);
    expect(await cache.answer('leads', at('6@t', 'leads_v1_g2'), 'count WORKING', async () => 30)).toBe(30);
    expect(cache.keys()).toEqual([{ logical: 'leads', key: 'count WORKING' }, { logical: 'accounts', key: 'count' }]);
  });

  it('keeps nothing without a token (nothing stored yet)', async () => {
    const cache = new AnswerCache();
    const counted = computation('x');
    await cache.answer('leads', at(null), 'count', counted.run);
    await cache.answer('leads', at(null), 'count', counted.run);
    expect(counted.runs).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('shares one computation between concurrent requests', async () => {
    const cache = new AnswerCache();
    let release: (value: number) => void = () => undefined;
    let runs = 0;
    const slow = () => {
      runs++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const answers = [cache.answer('c', at('v'), 'k', slow), cache.answer('c', at('v'), 'k', slow)];
    release(7);
    expect(await Promise.all(answers)).toEqual([7, 7]);
    expect(runs).toBe(1);
  });

  it('does not keep a failed computation', async () => {
    const cache = new AnswerCache();
    await expect(cache.answer('c', at('v'), 'k', async () => Promise.reject(new Error('store closed')))).rejects.toThrow('store closed');
    expect(await cache.answer('c', at('v'), 'k', async () => 'fine')).toBe('fine');
  });

  it('lets the least recently used answers go when a read model holds too much, and never keeps one heavier than all', async () => {
    const cache = new AnswerCache(10);
    await cache.answer('c', at('v'), 'old', async () => 'old', 4);
    await cache.answer('c', at('v'), 'used', async () => 'used', 4);
    await cache.answer('c', at('v'), 'old', async () => 'recomputed', 4);
    await cache.answer('c', at('v'), 'new', async () => 'new', 4);
    expect(await cache.answer('c', at('v'), 'old', async () => 'gone', 4)).toBe('old');
    expect(await cache.answer('c', at('v'), 'used', async () => 'used again', 4)).toBe('used again');
    const heavy = computation('heavy');
    await cache.answer('c', at('v'), 'heavy', heavy.run, 11);
    await cache.answer('c', at('v'), 'heavy', heavy.run, 11);
    expect(heavy.runs).toBe(2);
  });
});
