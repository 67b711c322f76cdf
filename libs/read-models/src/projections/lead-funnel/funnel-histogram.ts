/**
 * Durations in hours, counted in fixed buckets so that months (and sources) merge by adding counts.
 * A bucket is named by its lower bound: 0..167 are one hour wide (the first week), then 168, 192, ...
 * are one day wide up to a year, and 8760 holds everything from a year on. A median read from them is
 * therefore exact to within half an hour below a week and half a day below a year; beyond a year it
 * reports 8760.
 *
 * Stored flat as `[lower, count, lower, count, ...]`, lower bounds ascending and every count positive,
 * so equal histograms are equal JSON. Every qualified or converted lead makes a new histogram (documents
 * are read-only): a flat array of small integers copies in one go (`with`, `toSpliced`), where an object
 * keyed by bucket took V8 microseconds to spread at a hundred keys. Never mutate one: the functions below copy.
 */
export type Histogram = number[];

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

/** Where the bucket `lower` is, or would go: the position of the first lower bound not below it. */
function positionOf(histogram: Histogram, lower: number): number {
  let low = 0;
  let high = histogram.length / 2;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (histogram[2 * middle] < lower) low = middle + 1;
    else high = middle;
  }
  return 2 * low;
}

/**
 * The histogram with one duration added (sign 1) or removed (-1), as a new array: a new bucket is
 * inserted in order and an emptied one dropped. Removing from an empty bucket changes nothing.
 */
export function countDuration(histogram: Histogram, hours: number, sign: 1 | -1): Histogram {
  const lower = bucketOf(hours);
  const at = positionOf(histogram, lower);
  if (histogram[at] !== lower) {
    // Nothing counted in that bucket yet: a removal has nothing to take away.
    return sign === 1 ? histogram.toSpliced(at, 0, lower, 1) : histogram;
  }
  const count = histogram[at + 1] + sign;
  return count === 0 ? histogram.toSpliced(at, 2) : histogram.with(at + 1, count);
}

/** The histograms' counts added bucket by bucket. */
export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  const totals = new Map<number, number>();
  for (const histogram of histograms) {
    for (let at = 0; at < histogram.length; at += 2) {
      totals.set(histogram[at], (totals.get(histogram[at]) ?? 0) + histogram[at + 1]);
    }
  }
  return [...totals]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a - b)
    .flat();
}

/** The median from bucket midpoints (mean of the two middle ones for an even count); null when empty. */
export function medianHours(histogram: Histogram): number | null {
  let total = 0;
  for (let at = 1; at < histogram.length; at += 2) total += histogram[at];
  if (total === 0) return null;
  const valueAtRank = (rank: number): number => {
    let seen = 0;
    for (let at = 0; at < histogram.length; at += 2) {
      seen += histogram[at + 1];
      if (rank < seen) return midpointOf(histogram[at]);
    }
    return midpointOf(histogram[histogram.length - 2]);
  };
  return (valueAtRank(Math.floor((total - 1) / 2)) + valueAtRank(Math.floor(total / 2))) / 2;
}
