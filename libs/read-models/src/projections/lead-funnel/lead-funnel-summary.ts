import { LEAD_SOURCES, type LeadSource } from '@crm/domain';
import type { Filter } from '../../store/read-store.port';
import { medianHours, mergeHistograms } from './funnel-histogram';
import { monthOf, type LeadFunnelDoc } from './lead-progress';

export type FunnelSourceSummary = {
  source: LeadSource;
  captured: number;
  worked: number;
  qualified: number;
  disqualified: number;
  converted: number;
  /** qualified / captured as a fraction (0..1); 0 when nothing was captured. */
  qualificationRate: number;
  conversionRate: number;
  /** From capture, in hours, to the bucket precision of funnel-histogram.ts; null without data. */
  medianHoursToQualify: number | null;
  medianHoursToConvert: number | null;
};

/**
 * What the `leadFunnel` query filters on. The funnel is kept per capture month (UTC), so a capture
 * range covers every month it touches, whole: 2026-03-15..2026-04-10 counts all of March and April.
 */
export type FunnelQuery = { source?: LeadSource | null; capturedFrom?: string | null; capturedTo?: string | null };

const given = (value: string | null | undefined): value is string => typeof value === 'string' && value !== '';

export function funnelFilterFor(query: FunnelQuery): Filter {
  const filter: Filter = {};
  if (given(query.source)) filter.source = query.source;
  const month: { $gte?: string; $lte?: string } = {};
  if (given(query.capturedFrom)) month.$gte = monthOf(query.capturedFrom);
  if (given(query.capturedTo)) month.$lte = monthOf(query.capturedTo);
  if (Object.keys(month).length > 0) filter.captureMonth = month;
  return filter;
}

const rate = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

function summariseSource(source: LeadSource, docs: readonly LeadFunnelDoc[]): FunnelSourceSummary {
  const total = (field: 'captured' | 'worked' | 'qualified' | 'disqualified' | 'converted') =>
    docs.reduce((sum, doc) => sum + doc[field], 0);
  const captured = total('captured');
  return {
    source,
    captured,
    worked: total('worked'),
    qualified: total('qualified'),
    disqualified: total('disqualified'),
    converted: total('converted'),
    qualificationRate: rate(total('qualified'), captured),
    conversionRate: rate(total('converted'), captured),
    medianHoursToQualify: medianHours(mergeHistograms(docs.map((doc) => doc.hoursToQualify))),
    medianHoursToConvert: medianHours(mergeHistograms(docs.map((doc) => doc.hoursToConvert))),
  };
}

/** One line per source present in `docs` (merging their months), in the order of LEAD_SOURCES. */
export function summariseFunnel(docs: readonly LeadFunnelDoc[]): FunnelSourceSummary[] {
  return LEAD_SOURCES.filter((source) => docs.some((doc) => doc.source === source)).map((source) =>
    summariseSource(source, docs.filter((doc) => doc.source === source)),
  );
}
