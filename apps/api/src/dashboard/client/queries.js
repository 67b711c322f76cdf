/** The GraphQL the dashboard asks, one operation per chart so that one refusal leaves the others drawn. */

export const PIPELINE_DEFINITIONS = `query DashboardPipelines { pipelineDefinitions { id name archived } }`;

const MONEY = 'amount currency';

export const PIPELINE = `query DashboardPipeline($filter: PipelineFilter, $asOf: DateTime) {
  pipeline(filter: $filter, asOf: $asOf) { stages { stage name kind count amounts { ${MONEY} } } }
}`;

const BUCKET = `{ count amount { ${MONEY} } }`;
const BUCKETS = ['start', 'created', 'pulledIn', 'increased', 'decreased', 'pushedOut', 'won', 'lost', 'end'];

export const MOVEMENT = `query DashboardMovement($from: DateTime!, $to: DateTime!, $filter: PipelineFilter) {
  pipelineMovement(from: $from, to: $to, filter: $filter) { from to currencies { currency ${BUCKETS.map((name) => `${name} ${BUCKET}`).join(' ')} } }
}`;

export const FORECAST = `query DashboardForecast($filter: PipelineFilter, $period: ForecastPeriod) {
  forecast(filter: $filter, period: $period) { rows { period category count amounts { ${MONEY} } weightedAmounts { ${MONEY} } won { ${MONEY} } } }
}`;

export const LEAD_FUNNEL = `query DashboardLeadFunnel($filter: LeadFunnelFilter) {
  leadFunnel(filter: $filter) { sources { source captured worked qualified disqualified converted conversionRate } }
}`;
