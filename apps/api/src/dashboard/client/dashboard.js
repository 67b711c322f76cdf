import { Chart } from './chart-library.js';
import { drawForecast, drawFunnel, drawPipeline } from './charts.js';
import { askGraphql, explain } from './graphql.js';
import { currenciesIn } from './money.js';
import { FORECAST, LEAD_FUNNEL, MOVEMENT, PIPELINE, PIPELINE_DEFINITIONS } from './queries.js';
import { drawMovement } from './waterfall.js';

/** sessionStorage only: the token lives as long as this tab, and no other page or later visit sees it. */
const TOKEN_KEY = 'crm.dashboard.token';
const SECTIONS = ['pipeline', 'movement', 'forecast', 'funnel'];
const byId = (id) => /** @type {any} */ (document.getElementById(id));
const endpoint = document.querySelector('main').dataset.endpoint;

/** The answers drawn last, so that another currency redraws without asking again. */
const answers = { pipeline: null, movement: null, forecast: null, funnel: null };
let funnelMonths = '';

const ask = (query, variables = {}) => askGraphql(endpoint, sessionStorage.getItem(TOKEN_KEY), query, variables);
const showAlert = (text) => { byId('alert').textContent = text; };

/** Draws one section from its last answer; without one (refused, or no token) it shows nothing. */
const drawSection = (section) => {
  const parts = { canvas: byId(`${section}-chart`), table: byId(`${section}-table`) };
  const answer = answers[section];
  const currency = byId('currency').value;
  if (!answer) {
    Chart.getChart(parts.canvas)?.destroy();
    parts.table.replaceChildren();
    byId(`${section}-caption`).textContent = '';
    return;
  }
  const draw = { pipeline: drawPipeline, movement: drawMovement, forecast: drawForecast, funnel: (p, a) => drawFunnel(p, a, funnelMonths) }[section];
  byId(`${section}-caption`).textContent = draw(parts, answer, currency);
};

const drawAll = () => SECTIONS.forEach(drawSection);

/** Forgets the token and everything it showed, and asks for one. */
const askForToken = (message = '') => {
  sessionStorage.removeItem(TOKEN_KEY);
  SECTIONS.forEach((section) => { answers[section] = null; });
  drawAll();
  byId('pipeline').replaceChildren();
  byId('controls').hidden = true;
  document.querySelector('main').hidden = true;
  byId('token-form').hidden = false;
  showAlert(message);
  byId('token').focus();
};

/** A refusal of the token ends the session; no connection concerns the whole page; the rest, one chart. */
const reportError = (section, error) => {
  if (error.code === 'UNAUTHENTICATED') askForToken(explain(error));
  else if (error.code === 'NETWORK' || !section) showAlert(explain(error));
  else byId(`${section}-error`).textContent = explain(error);
};

/** A datetime-local input's value for `date`, in this browser's time zone. */
const inputValue = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);

const setDefaultDates = () => {
  const from = new Date();
  from.setHours(0, 0, 0, 0);
  from.setDate(from.getDate() - 90);
  byId('from').value = inputValue(from);
  // The next whole second, as the input holds seconds: "now" with everything written so far in it.
  byId('to').value = inputValue(new Date(Math.ceil(Date.now() / 1000) * 1000));
};

/** The chosen instants (local inputs read as this browser's time), or null with the reason shown. */
const chosenWindow = () => {
  const from = new Date(byId('from').value);
  const to = new Date(byId('to').value);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return showAlert('Choose both dates.'), null;
  if (from > to) return showAlert('"From" must not be after "To".'), null;
  return { from: from.toISOString(), to: to.toISOString(), fromMonth: byId('from').value.slice(0, 7), toMonth: byId('to').value.slice(0, 7) };
};

const loadPipelines = async () => {
  const { pipelineDefinitions } = await ask(PIPELINE_DEFINITIONS);
  const select = byId('pipeline');
  const chosen = select.value;
  select.replaceChildren(...pipelineDefinitions.map((pipeline) => new Option(pipeline.archived ? `${pipeline.name} (archived)` : pipeline.name, pipeline.id)));
  if (chosen) select.value = chosen;
};

/** The currencies any answer holds; the one chosen stays chosen while it is there (EUR first by default). */
const offerCurrencies = () => {
  const found = currenciesIn([
    ...(answers.pipeline?.stages.map((stage) => stage.amounts) ?? []),
    ...(answers.movement?.currencies.map(({ currency }) => [{ currency }]) ?? []),
    ...(answers.forecast?.rows.flatMap((row) => [row.amounts, row.won]) ?? []),
  ]);
  const select = byId('currency');
  const keep = found.includes(select.value) ? select.value : found.includes('EUR') ? 'EUR' : found[0] ?? '';
  select.replaceChildren(...(found.length ? found : ['']).map((currency) => new Option(currency || 'none', currency)));
  select.value = keep;
};

/** Asks each chart's figures at once; each section is busy (aria-busy) until it is drawn again. */
const refresh = async () => {
  showAlert('');
  const chosen = chosenWindow();
  if (!chosen) return;
  if (!byId('pipeline').options.length) {
    try {
      await loadPipelines();
    } catch (error) {
      return error.code === 'FORBIDDEN' ? askForToken(explain(error)) : reportError(null, error);
    }
  }
  SECTIONS.forEach((section) => { byId(section).setAttribute('aria-busy', 'true'); byId(`${section}-error`).textContent = ''; });
  const filter = { pipelineId: byId('pipeline').value || undefined };
  funnelMonths = `from ${chosen.fromMonth} to ${chosen.toMonth} (whole months)`;
  const load = async (section, query, variables, pick) => {
    try {
      answers[section] = pick(await ask(query, variables));
    } catch (error) {
      answers[section] = null;
      reportError(section, error);
    }
  };
  await Promise.all([
    load('pipeline', PIPELINE, { filter, asOf: chosen.to }, (data) => ({ ...data.pipeline, asOf: chosen.to })),
    load('movement', MOVEMENT, { from: chosen.from, to: chosen.to, filter }, (data) => data.pipelineMovement),
    load('forecast', FORECAST, { filter, period: byId('period').value }, (data) => data.forecast),
    load('funnel', LEAD_FUNNEL, { filter: { capturedFrom: chosen.fromMonth, capturedTo: chosen.toMonth } }, (data) => data.leadFunnel),
  ]);
  offerCurrencies();
  drawAll();
  SECTIONS.forEach((section) => byId(section).setAttribute('aria-busy', 'false'));
};

const start = () => {
  byId('token-form').hidden = true;
  byId('controls').hidden = false;
  document.querySelector('main').hidden = false;
  return refresh();
};

byId('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = byId('token').value.trim().replace(/^Bearer\s+/i, '');
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  byId('token').value = '';
  void start();
});
byId('controls').addEventListener('submit', (event) => {
  event.preventDefault();
  void refresh();
});
byId('currency').addEventListener('change', drawAll);
byId('forget-token').addEventListener('click', () => askForToken());

setDefaultDates();
if (sessionStorage.getItem(TOKEN_KEY)) void start();
else askForToken();
