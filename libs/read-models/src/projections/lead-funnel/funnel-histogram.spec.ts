import fc from 'fast-check';
import { bucketOf, countDuration, medianHours, mergeHistograms, type Histogram } from './funnel-histogram';

/** The reference model: a histogram is just the list of durations it counts. */
function referenceHistogram(durations: readonly number[]): Histogram {
  const counts = new Map<number, number>();
  for (const hours of durations) counts.set(bucketOf(hours), (counts.get(bucketOf(hours)) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).flat();
}

/** The middle of a duration's bucket, from the scheme as documented: hours, then days, then "a year or more". */
function referenceMidpoint(hours: number): number {
  const lower = bucketOf(hours);
  if (lower < 168) return lower + 0.5;
  return lower < 8760 ? lower + 12 : 8760;
}

function referenceMedian(durations: readonly number[]): number | null {
  if (durations.length === 0) return null;
  const midpoints = durations.map(referenceMidpoint).sort((a, b) => a - b);
  return (midpoints[Math.floor((midpoints.length - 1) / 2)] + midpoints[Math.floor(midpoints.length / 2)]) / 2;
}

// Mostly the first week, where buckets are hourly, with days and years beyond.
const hours = fc.oneof(fc.double({ min: -10, max: 200, noNaN: true }), fc.double({ min: -10, max: 10_000, noNaN: true }));

/** Adding a new duration, or removing one of those counted (picked by index among them). */
const step = fc.oneof(fc.record({ add: hours }), fc.record({ removeAt: fc.nat() }));

describe('funnel histogram', () => {
  it.each([
    [-3, 0],
    [0.2, 0],
    [30.5, 30],
    [167.99, 167],
    [168, 168],
    [191.9, 168],
    [192, 192],
    [8759, 8736],
    [8760, 8760],
    [20000, 8760],
  ])('puts %p hours in the bucket starting at %p', (hours, lower) => {
    expect(bucketOf(hours)).toBe(lower);
  });

  it('adds and removes counts as [lower, count] pairs, dropping empty buckets, in ascending order', () => {
    const histogram = countDuration(countDuration(countDuration([], 200, 1), 3, 1), 3.5, 1);
    expect(histogram).toEqual([3, 2, 192, 1]);
    expect(countDuration(histogram, 200, -1)).toEqual([3, 2]);
    expect(countDuration(histogram, 3.2, -1)).toEqual([3, 1, 192, 1]);
  });

  it('changes nothing when removing from a bucket that counts nothing', () => {
    expect(countDuration([3, 2, 192, 1], 50, -1)).toEqual([3, 2, 192, 1]);
    expect(countDuration([], 50, -1)).toEqual([]);
  });

  it('counts exactly the durations added and not removed, never changing the histogram it was given', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const counted: number[] = [];
        let histogram: Histogram = Object.freeze([]) as unknown as Histogram;
        for (const s of steps) {
          if ('add' in s) {
            counted.push(s.add);
            histogram = countDuration(histogram, s.add, 1);
          } else if (counted.length > 0) {
            const [removed] = counted.splice(s.removeAt % counted.length, 1);
            histogram = countDuration(histogram, removed, -1);
          }
          // Documents are read-only: a frozen input makes any write to it throw.
          histogram = Object.freeze(histogram) as unknown as Histogram;
          expect(histogram).toEqual(referenceHistogram(counted));
        }
      }),
    );
  });

  it('merges months by adding counts', () => {
    expect(mergeHistograms([[1, 1, 5, 2], [5, 1, 240, 4], []])).toEqual([1, 1, 5, 3, 240, 4]);
    expect(mergeHistograms([])).toEqual([]);
  });

  it('merges months into the histogram of all their durations together', () => {
    fc.assert(
      fc.property(fc.array(fc.array(hours, { maxLength: 30 }), { maxLength: 6 }), (months) => {
        expect(mergeHistograms(months.map(referenceHistogram))).toEqual(referenceHistogram(months.flat()));
      }),
    );
  });

  it('reads the median from bucket midpoints', () => {
    expect(medianHours([])).toBeNull();
    expect(medianHours([2, 1])).toBe(2.5);
    expect(medianHours([1, 1, 5, 1, 9, 1])).toBe(5.5);
    expect(medianHours([1, 1, 5, 1])).toBe(3.5);
    expect(medianHours([0, 1, 168, 3])).toBe(180);
    expect(medianHours([8760, 2])).toBe(8760);
  });

  it('has the median of the durations counted, each taken at its bucket midpoint', () => {
    fc.assert(
      fc.property(fc.array(hours, { maxLength: 60 }), (durations) => {
        expect(medianHours(referenceHistogram(durations))).toBe(referenceMedian(durations));
      }),
    );
  });
});
