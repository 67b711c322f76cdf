import { coalesceOps } from './coalesce-ops';
import { InvalidQueryError } from './read-store.errors';

describe('coalesceOps', () => {
  it('keeps one net write per document, grouped by collection', () => {
    const net = coalesceOps([
      { kind: 'delete', collection: 'a', id: 'x' },
      { kind: 'upsert', collection: 'a', doc: { id: 'x', n: 1 } },
      { kind: 'patch', collection: 'a', id: 'x', set: { 'o.p': 1 } },
      { kind: 'upsert', collection: 'b', doc: { id: 'x' } },
      { kind: 'delete', collection: 'b', id: 'x' },
      { kind: 'patch', collection: 'b', id: 'x', set: { n: 2 } },
      { kind: 'patch', collection: 'a', id: 'y', set: { 'o.p': 1, q: 1 } },
      { kind: 'patch', collection: 'a', id: 'y', set: { o: { r: 2 }, 'q2.s': 3 } },
    ]);
    expect(Object.fromEntries([...net].map(([name, docs]) => [name, Object.fromEntries(docs)]))).toEqual({
      a: { x: { kind: 'replace', doc: { id: 'x', n: 1, o: { p: 1 } } }, y: { kind: 'patch', id: 'y', set: { q: 1, o: { r: 2 }, 'q2.s': 3 } } },
      b: { x: { kind: 'delete', id: 'x' } },
    });
  });

  it('does not mutate the documents it was given', () => {
    const doc = { id: 'x', o: { p: 1 } };
    coalesceOps([{ kind: 'upsert', collection: 'a', doc }, { kind: 'patch', collection: 'a', id: 'x', set: { 'o.q': 2 } }]);
    expect(doc).toEqual({ id: 'x', o: { p: 1 } });
  });

  it('refuses a later patch through a scalar set by an earlier one', () => {
    expect(() =>
      coalesceOps([
        { kind: 'patch', collection: 'a', id: 'x', set: { o: 1 } },
        { kind: 'patch', collection: 'a', id: 'x', set: { 'o.p': 2 } },
      ]),
    ).toThrow(InvalidQueryError);
  });
});
