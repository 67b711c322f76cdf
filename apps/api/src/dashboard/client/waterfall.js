import { drawChart } from './chart-library.js';
import { minorUnits } from './money.js';
import { fillTable, numberCell } from './tables.js';
import { localTime } from './words.js';

/** The movement's buckets in the order they are drawn, and which way each moves the running total. */
export const BUCKETS = [
  { name: 'start', label: 'Start', effect: 'total' },
  { name: 'created', label: 'Created', effect: 'up' },
  { name: 'pulledIn', label: 'Pulled in', effect: 'up' },
  { name: 'increased', label: 'Increased', effect: 'up' },
  { name: 'decreased', label: 'Decreased', effect: 'down' },
  { name: 'pushedOut', label: 'Pushed out', effect: 'down' },
  { name: 'won', label: 'Won', effect: 'down' },
  { name: 'lost', label: 'Lost', effect: 'down' },
  { name: 'end', label: 'End', effect: 'total' },
];

const COLOURS = { total: '#455a64', up: '#2e7d32', down: '#c62828' };
const SIGNS = { total: '=', up: '+', down: '-' };

/**
 * Floating bars `[low, high]`: a change starts where the running total stands, up or down by its amount;
 * start and end stand on zero. Summed in minor units, so a bar ends exactly where the next begins.
 */
export const waterfallBars = (movement) => {
  const units = minorUnits(BUCKETS.map((bucket) => movement[bucket.name].amount.amount));
  let running = 0;
  return BUCKETS.map((bucket) => {
    const { count, amount } = movement[bucket.name];
    const minor = units.toMinor(amount.amount);
    let low = 0;
    let high = minor;
    if (bucket.effect === 'up') [low, high] = [running, running + minor];
    if (bucket.effect === 'down') [low, high] = [running - minor, running];
    running = bucket.effect === 'down' ? low : high;
    /** @type {[number, number]} */
    const bar = [units.toNumber(low), units.toNumber(high)];
    return { ...bucket, count, amount: amount.amount, bar };
  });
};

const movementTable = (table, bars, currency, caption) =>
  fillTable(table, caption, ['Bucket', 'Effect', 'Opportunities', `Amount (${currency})`], bars.map((bar) => ({
    cells: [bar.label, SIGNS[bar.effect], numberCell(bar.count), numberCell(bar.amount)],
    data: { bucket: bar.name, effect: bar.effect, count: String(bar.count), amount: bar.amount, currency },
  })));

/** Draws one currency's movement as a waterfall, with its table; `movement` is null when that currency did not move. */
export const drawMovement = ({ canvas, table }, answer, currency) => {
  const movement = answer.currencies.find((entry) => entry.currency === currency);
  const caption = `From ${localTime(answer.from)} to ${localTime(answer.to)}, in ${currency}`;
  table.dataset.from = answer.from;
  table.dataset.to = answer.to;
  table.dataset.currency = currency;
  const bars = movement ? waterfallBars(movement) : [];
  movementTable(table, bars, currency, movement ? caption : `${caption}: nothing in the pipeline in this currency`);
  drawChart(canvas, {
    type: 'bar',
    data: {
      labels: bars.map((bar) => bar.label),
      datasets: [{ label: `Movement (${currency})`, data: bars.map((bar) => bar.bar), backgroundColor: bars.map((bar) => COLOURS[bar.effect]) }],
    },
    options: {
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${SIGNS[bars[item.dataIndex].effect]} ${bars[item.dataIndex].amount} ${currency} (${bars[item.dataIndex].count} opportunities)` } },
      },
      scales: { y: { beginAtZero: true, title: { display: true, text: currency } } },
    },
  });
  return caption;
};
