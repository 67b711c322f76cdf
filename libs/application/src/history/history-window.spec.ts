import fc from 'fast-check';
import { ValidationError } from '@crm/domain';
import { revisionCursor } from './history-entry';
import { historyWindow, MAX_HISTORY_PAGE, type HistoryWindow } from './history-window';

const revisions = (window: HistoryWindow): number[] => Array.from({ length: Math.max(0, window.end - window.start + 1) }, (_, i) => window.start + i);

describe('the window of a history page', () => {
  it('walks every revision once, forwards and backwards, with exact flags', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 1, max: 7 }), (count, size) => {
        const lastRevision = count === 0 ? null : count - 1;
        const forwards: number[] = [];
        let after: string | null = null;
        for (;;) {
          const window = historyWindow({ first: size, after }, lastRevision);
          forwards.push(...revisions(window));
          expect(window.hasPreviousPage).toBe(after !== null);
          if (!window.hasNextPage) break;
          after = revisionCursor(window.end);
        }
        const backwards: number[] = [];
        let before: string | null = null;
        for (;;) {
          const window = historyWindow({ last: size, before }, lastRevision);
          backwards.unshift(...revisions(window));
          expect(window.hasNextPage).toBe(before !== null);
          if (!window.hasPreviousPage) break;
          before = revisionCursor(window.start);
        }
        const all = Array.from({ length: count }, (_, i) => i);
        expect(forwards).toEqual(all);
        expect(backwards).toEqual(all);
      }),
    );
  });

  it('reads only what lies between two cursors', () => {
    const between = { after: revisionCursor(2), before: revisionCursor(8) };
    expect(revisions(historyWindow({ ...between, first: 10 }, 20))).toEqual([3, 4, 5, 6, 7]);
    expect(historyWindow({ ...between, last: 2 }, 20)).toEqual({ start: 6, end: 7, hasNextPage: true, hasPreviousPage: true });
  });

  it('refuses first with last, sizes out of range and foreign cursors, naming the field', () => {
    const fieldOf = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error) {
        return error instanceof ValidationError ? error.fields[0].field : 'not a ValidationError';
      }
      return undefined;
    };
    expect(fieldOf(() => historyWindow({ first: 1, last: 1 }, 3))).toBe('last');
    expect(fieldOf(() => historyWindow({ last: MAX_HISTORY_PAGE + 1 }, 3))).toBe('last');
    expect(fieldOf(() => historyWindow({ first: -1 }, 3))).toBe('first');
    expect(fieldOf(() => historyWindow({ last: 1, before: 'bm9wZQ' }, 3))).toBe('before');
  });
});
