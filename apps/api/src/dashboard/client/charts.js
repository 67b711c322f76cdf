import { drawChart } from './chart-library.js';
import { amountIn, minorUnits, moneyText } from './money.js';
import { fillTable, numberCell } from './tables.js';
import { localTime, wordsOf } from './words.js';

const FORECAST_CATEGORIES = ['PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED'];
const PALETTE = ['#1565c0', '#6a1b9a', '#ef6c00', '#2e7d32', '#9e9e9e', '#00838f', '#ad1457'];

/** Each stage's amount in `currency` (left axis) and its number of opportunities (right axis), as the pipeline stood at `asOf`. */
export const drawPipeline = ({ canvas, table }, pipeline, currency) => {
  const { stages, asOf } = pipeline;
  const when = `as it stood at ${localTime(asOf)}`;
  fillTable(table, `Opportunities per stage ${when}, amounts per currency`, ['Stage', 'Kind', 'Opportunities', 'Amounts'], stages.map((stage) => ({
    cells: [stage.name, wordsOf(stage.kind), numberCell(stage.count), moneyText(stage.amounts)],
    data: { stage: stage.stage, kind: stage.kind, count: String(stage.count) },
  })));
  drawChart(canvas, {
    type: 'bar',
    data: {
      labels: stages.map((stage) => stage.name),
      datasets: [
        { label: `Amount (${currency})`, data: stages.map((stage) => Number(amountIn(stage.amounts, currency))), backgroundColor: PALETTE[0], yAxisID: 'y' },
        { label: 'Opportunities', data: stages.map((stage) => stage.count), backgroundColor: PALETTE[4], yAxisID: 'count' },
      ],
    },
    options: {
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, title: { display: true, text: currency } },
        count: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 }, title: { display: true, text: 'Opportunities' } },
      },
    },
  });
  return `Open, won and lost opportunities ${when}; amounts in ${currency}`;
};

/** Won amounts in `currency` per period, summed over the period's categories (exactly, in minor units). */
const wonPerPeriod = (rows, periods, currency) => {
  const units = minorUnits(rows.map((row) => amountIn(row.won, currency)));
  return periods.map((period) => units.toNumber(rows.filter((row) => row.period === period).reduce((sum, row) => sum + units.toMinor(amountIn(row.won, currency)), 0)));
};

/** Open amounts in `currency` stacked by forecast category per close period, beside the amounts won then. */
export const drawForecast = ({ canvas, table }, forecast, currency) => {
  const { rows } = forecast;
  const periods = [...new Set(rows.map((row) => row.period))];
  const categories = FORECAST_CATEGORIES.filter((category) => rows.some((row) => row.category === category));
  const open = categories.map((category, index) => ({
    label: wordsOf(category),
    stack: 'open',
    backgroundColor: PALETTE[index],
    data: periods.map((period) => Number(amountIn(rows.find((row) => row.period === period && row.category === category)?.amounts ?? [], currency))),
  }));
  const won = { label: 'Won', stack: 'won', backgroundColor: '#1b5e20', data: wonPerPeriod(rows, periods, currency) };
  fillTable(table, 'Per close period and forecast category', ['Period', 'Category', 'Open opportunities', 'Open amounts', 'Weighted', 'Won'], rows.map((row) => ({
    cells: [row.period, wordsOf(row.category), numberCell(row.count), moneyText(row.amounts), moneyText(row.weightedAmounts), moneyText(row.won)],
    data: { period: row.period, category: row.category },
  })));
  drawChart(canvas, {
    type: 'bar',
    data: { labels: periods, datasets: [...open, won] },
    options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: currency } } } },
  });
  return `Open opportunities by expected close, won ones by when they were won; in ${currency}`;
};

const FUNNEL_STEPS = ['captured', 'worked', 'qualified', 'converted'];

/** Per source, how many leads reached each step of the funnel. */
export const drawFunnel = ({ canvas, table }, funnel, months) => {
  const { sources } = funnel;
  fillTable(table, `Leads captured ${months}`, ['Source', 'Captured', 'Worked', 'Qualified', 'Disqualified', 'Converted', 'Conversion rate'], sources.map((row) => ({
    cells: [wordsOf(row.source), ...['captured', 'worked', 'qualified', 'disqualified', 'converted'].map((step) => numberCell(row[step])), numberCell(`${(row.conversionRate * 100).toFixed(1)} %`)],
    data: { source: row.source },
  })));
  drawChart(canvas, {
    type: 'bar',
    data: {
      labels: sources.map((row) => wordsOf(row.source)),
      datasets: FUNNEL_STEPS.map((step, index) => ({ label: wordsOf(step.toUpperCase()), backgroundColor: PALETTE[index], data: sources.map((row) => row[step]) })),
    },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Leads' } } } },
  });
  return `Leads captured ${months}, per source`;
};
