/**
 * Nearest-rank percentiles of many values without sorting them: the value of rank r is selected in
 * place (quickselect, linear on average), a stage with a hundred thousand stays costing a pass or
 * two over them instead of a sort.
 */
export function nearestRank(values: Float64Array, percent: number): number | null {
  if (values.length === 0) return null;
  const rank = Math.max(1, Math.ceil((percent * values.length) / 100));
  return selected(values, rank - 1);
}

/** The value that would be at `index` were `values` sorted; reorders `values`. */
function selected(values: Float64Array, index: number): number {
  let low = 0;
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
