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

/**
 * The histogram with one duration added (sign 1) or removed (-1). Buckets stay in ascending order
 * and an emptied one is dropped, in one pass over the (already ordered) buckets: this runs for every
 * qualified or converted lead, on histograms of up to a few hundred buckets.
 */
export function countDuration(histogram: Histogram, hours: number, sign: 1 | -1): Histogram {
  const lower = bucketOf(hours);
  const key = `h${lower}`;
  const current = histogram[key];
  const count = (current ?? 0) + sign;
  // A bucket that stays keeps its place, so a copy will do; adding or emptying one rebuilds the order.
  if (current !== undefined && count > 0) return { ...histogram, [key]: count };
  const next: Histogram = {};
  let placed = false;
  for (const bucket in histogram) {
    if (bucket === key) continue;
    if (!placed && lowerOf(bucket) > lower) {
      if (count > 0) next[key] = count;
      placed = true;
    }
    const other = histogram[bucket];
    if (other > 0) next[bucket] = other;
  }
  if (!placed && count > 0) next[key] = count;
  return next;
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
