import { prefixUpperBound } from './doc-path';

describe('prefixUpperBound', () => {
  it.each([
    ['ab', 'ac'],
    ['a\uffff', 'a\u{10000}'],
    ['a\u{10ffff}', 'b'],
    ['a\ud7ff', 'a\ue000'],
    ['\u{10ffff}', null],
    ['', null],
  ])('%p -> %p', (prefix, bound) => {
    expect(prefixUpperBound(prefix)).toBe(bound);
  });

  it('bounds every continuation of the prefix in code-point (UTF-8) order', () => {
    const bound = Buffer.from(prefixUpperBound('Ada') as string);
    for (const s of ['Ada', 'Ada\uffff', 'Ada\u{1F600}', 'Ada\u{10ffff}\u{10ffff}']) expect(Buffer.compare(Buffer.from(s), bound)).toBe(-1);
    expect(Buffer.compare(Buffer.from('Adb'), bound)).toBe(0);
  });
});
