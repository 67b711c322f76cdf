import { inKeyOrder } from './write-order';
import type { CachedDoc } from './target-docs';

const change = (collection: string, id: string): [string, CachedDoc] => [collection, { id, lastPosition: 1 }];

describe('inKeyOrder', () => {
  it('orders a write-out by collection, then by id within each collection', () => {
    const changes = [change('leads', 'f3'), change('accounts', 'b'), change('leads', '0a'), change('accounts', 'a9'), change('leads', 'c')];

    const ordered = inKeyOrder(changes).map(([collection, doc]) => `${collection}/${doc.id}`);

    expect(ordered).toEqual(['accounts/a9', 'accounts/b', 'leads/0a', 'leads/c', 'leads/f3']);
  });

  it('keeps every change, the same document objects', () => {
    const changes = [change('a', '2'), change('a', '1')];
    const docs = changes.map(([, doc]) => doc);

    const ordered = inKeyOrder([...changes]);

    expect(ordered).toHaveLength(2);
    expect(new Set(ordered.map(([, doc]) => doc))).toEqual(new Set(docs));
  });
});
