import { equalityFilter, matchesEquality } from './staged-index';

describe('in-memory equality filters (lookups over documents a batch has not written yet)', () => {
  it('match as the store does: null equals missing, types never compare across', () => {
    const filter = equalityFilter({ accountId: 'a1', 'owner.id': { $in: [1, null] } })!;
    expect(matchesEquality({ id: 'x', accountId: 'a1' }, filter)).toBe(true);
    expect(matchesEquality({ id: 'x', accountId: 'a1', owner: { id: 1 } }, filter)).toBe(true);
    expect(matchesEquality({ id: 'x', accountId: 'a1', owner: { id: '1' } }, filter)).toBe(false);
    expect(matchesEquality({ id: 'x', accountId: 'a2' }, filter)).toBe(false);
  });

  it('leave ranges and prefixes to the store', () => {
    expect(equalityFilter({ at: { $gt: 1 } })).toBeNull();
    expect(equalityFilter({ name: { $prefix: 'a' } })).toBeNull();
  });
});
