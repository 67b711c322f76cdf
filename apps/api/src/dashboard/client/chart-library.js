/**
 * Chart.js, which the page loads before its modules from Chart.js's own browser build (no bundler, no CDN).
 * @type {typeof import('chart.js').Chart}
 */
export const Chart = window['Chart'];

// Figures appear at once: nothing to wait for, for a reader or a test.
Chart.defaults.animation = false;

/**
 * Draws `config` on `canvas`, replacing the chart drawn there before.
 * @param {HTMLCanvasElement} canvas
 * @param {import('chart.js').ChartConfiguration<'bar', (number | [number, number])[]>} config
 */
export const drawChart = (canvas, config) => {
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, config);
};
