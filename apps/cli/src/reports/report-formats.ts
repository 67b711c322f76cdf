import { forecastCsv, forecastJson, forecastTable, type ForecastView } from './forecast-output';
import { movementCsv, movementJson, movementTable, type MovementView } from './movement-output';

export const REPORT_FORMATS = ['table', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const MOVEMENT: { readonly [F in ReportFormat]: (view: MovementView) => string } = { table: movementTable, csv: movementCsv, json: movementJson };
const FORECAST: { readonly [F in ReportFormat]: (view: ForecastView) => string } = { table: forecastTable, csv: forecastCsv, json: forecastJson };

export const renderMovement = (format: ReportFormat, view: MovementView): string => MOVEMENT[format](view);
export const renderForecast = (format: ReportFormat, view: ForecastView): string => FORECAST[format](view);
