/**
 * Durations in hours, counted in fixed buckets so that months (and sources) merge by adding counts.
 * Buckets are named by their lower bound: `h0`..`h167` are one hour wide (the first week), then
 * `h168`, `h192`, ... are one day wide up to a year, and `h8760` holds everything from a year on.
 * A median read from them is therefore exact to within half an hour below a week and half a day
 * below a year; beyond a year it reports 8760.
 */
export type Histogram = Record<string, number>;

const WEEK_HOURS = 168;
const YEAR_HOURS = 8760;

export function bucketOf(hours: number): number {
  // Negative durations (back-dated imports) count as immediate.
  const h = Math.max(0, hours);
  if (h < WEEK_HOURS) return Math.floor(h);
  if (h < YEAR_HOURS) return WEEK_HOURS + Math.floor((h - WEEK_HOURS) / 24) * 24;
  return YEAR_HOURS;
}

const midpointOf = (lower: number): number => {
  if (lower < WEEK_HOURS) return lower + 0.5;
  return lower < YEAR_HOURS ? lower + 12 : YEAR_HOURS;
};

const lowerOf = (key: string): number => Number(key.slice(1));

function sortedBuckets(histogram: Histogram): Array<[number, number]> {
  return Object.entries(histogram)
    .map(([key, count]): [number, number] => [lowerOf(key), count])
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a - b);
}

/** Buckets in ascending order and empty ones dropped, so equal histograms are equal JSON. */
const normalised = (buckets: Array<[number, number]>): Histogram =>
  Object.fromEntries(buckets.map(([lower, count]) => [`h${lower}`, count]));

export function countDuration(histogram: Histogram, hours: number, sign: 1 | -1): Histogram {
  const key = `h${bucketOf(hours)}`;
  const count = (histogram[key] ?? 0) + sign;
  // Changing an existing bucket keeps the key order; only adding or emptying a bucket re-sorts.
  if (histogram[key] !== undefined && count > 0) return { ...histogram, [key]: count };
  return normalised(sortedBuckets({ ...histogram, [key]: count }));
}

export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  const merged: Histogram = {};
  for (const histogram of histograms) {
    for (const [key, count] of Object.entries(histogram)) merged[key] = (merged[key] ?? 0) + count;
  }
  return normalised(sortedBuckets(merged));
}

/** The median from bucket midpoints (mean of the two middle ones for an even count); null when empty. */
export function medianHours(histogram: Histogram): number | null {
  const buckets = sortedBuckets(histogram);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  const valueAtRank = (rank: number): number => {
    let seen = 0;
    for (const [lower, count] of buckets) {
      seen += count;
      if (rank < seen) return midpointOf(lower);
    }
    return midpointOf(buckets[buckets.length - 1][0]);
  };
  return (valueAtRank(Math.floor((total - 1) / 2)) + valueAtRank(Math.floor(total / 2))) / 2;
}
