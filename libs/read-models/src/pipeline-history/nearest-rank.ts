/**
 * Nearest-rank percentiles of many values without sorting them: the value of each rank is selected
 * in place (quickselect, linear on average), a stage with a hundred thousand stays costing a pass or
 * two over them instead of a sort. `percents` ascending: once a rank is selected, every value before
 * it is no greater than every value after, so the next rank is looked for after it only.
 */
export function nearestRanks(values: Float64Array, percents: readonly number[]): (number | null)[] {
  let low = 0;
  return percents.map((percent) => {
    if (values.length === 0) return null;
    const index = Math.max(1, Math.ceil((percent * values.length) / 100)) - 1;
    const value = selected(values, index, low);
    low = index;
    return value;
  });
}

/** The value that would be at `index` were `values[low..]` sorted; reorders them. */
function selected(values: Float64Array, index: number, from: number): number {
  let low = from;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const held = values[i];
        values[i++] = values[j];
        values[j--] = held;
      }
    }
    if (index <= j) high = j;
    else if (index >= i) low = i;
    else return values[index];
  }
  return values[index];
}
