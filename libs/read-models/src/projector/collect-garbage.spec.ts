import { collectGarbageSparingly } from './collect-garbage';

describe('collectGarbageSparingly', () => {
  it('collects, then skips until at least a second has passed, so a rebuild never stops the world back to back', () => {
    expect(collectGarbageSparingly()).toBe(true);
    expect(collectGarbageSparingly()).toBe(false);
    expect(collectGarbageSparingly()).toBe(false);
  });
});
