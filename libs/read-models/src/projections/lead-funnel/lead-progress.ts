import { assertNever, type LeadEvent, type LeadSource } from '@crm/domain';
import { countDuration, type Histogram } from './funnel-histogram';

/** How far one lead got, as the funnel counts it. Source and capture month never change. */
export type LeadProgress = {
  source: LeadSource;
  captureMonth: string;
  capturedAt: string;
  worked: boolean;
  qualified: boolean;
  disqualified: boolean;
  converted: boolean;
  hoursToQualify: number | null;
  hoursToConvert: number | null;
};

/** Capture months are UTC months, whatever offset the instant was written with. */
export const monthOf = (instant: string): string => new Date(instant).toISOString().slice(0, 7);

const hoursBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 3_600_000;

export const leadEventMovesFunnel = (event: LeadEvent): boolean =>
  event.type !== 'LeadDetailsUpdated' && event.type !== 'LeadAssigned';

function captured(source: LeadSource, at: string): LeadProgress {
  const flags = { worked: false, qualified: false, disqualified: false, converted: false };
  return { source, captureMonth: monthOf(at), capturedAt: at, ...flags, hoursToQualify: null, hoursToConvert: null };
}

/** "Qualified" and "worked" mean ever; a re-qualification keeps the first time to qualify. */
export function nextLeadProgress(before: LeadProgress | null, event: LeadEvent, at: string): LeadProgress | null {
  if (event.type === 'LeadCaptured') return captured(event.data.source, at);
  if (before === null) return null;
  switch (event.type) {
    case 'LeadWorkingStarted':
      return { ...before, worked: true };
    case 'LeadQualified':
      return { ...before, qualified: true, hoursToQualify: before.hoursToQualify ?? hoursBetween(before.capturedAt, at) };
    case 'LeadDisqualified':
      return { ...before, disqualified: true };
    case 'LeadReopened':
      return { ...before, disqualified: false, worked: true };
    case 'LeadConverted':
      return { ...before, converted: true, hoursToConvert: before.hoursToConvert ?? hoursBetween(before.capturedAt, at) };
    case 'LeadDetailsUpdated':
    case 'LeadAssigned':
      return before;
    default:
      return assertNever(event);
  }
}

/** Leads captured from one source in one month (UTC), and how far they got. `disqualified` counts the current state. */
export type LeadFunnelDoc = {
  id: string;
  source: LeadSource;
  captureMonth: string;
  captured: number;
  worked: number;
  qualified: number;
  disqualified: number;
  converted: number;
  hoursToQualify: Histogram;
  hoursToConvert: Histogram;
};

export const funnelId = (source: string, captureMonth: string): string => `source|${source}|${captureMonth}`;

export const emptyFunnel = (source: LeadSource, captureMonth: string): LeadFunnelDoc => ({
  id: funnelId(source, captureMonth),
  source,
  captureMonth,
  captured: 0,
  worked: 0,
  qualified: 0,
  disqualified: 0,
  converted: 0,
  hoursToQualify: {},
  hoursToConvert: {},
});

const counted = (flag: boolean, sign: 1 | -1): number => (flag ? sign : 0);

/** Adds (sign 1) or removes (sign -1) one lead's progress. */
export function shiftFunnel(doc: LeadFunnelDoc, lead: LeadProgress | null, sign: 1 | -1): LeadFunnelDoc {
  if (lead === null) return doc;
  const { hoursToQualify: toQualify, hoursToConvert: toConvert } = lead;
  return {
    ...doc,
    captured: doc.captured + sign,
    worked: doc.worked + counted(lead.worked, sign),
    qualified: doc.qualified + counted(lead.qualified, sign),
    disqualified: doc.disqualified + counted(lead.disqualified, sign),
    converted: doc.converted + counted(lead.converted, sign),
    hoursToQualify: toQualify === null ? doc.hoursToQualify : countDuration(doc.hoursToQualify, toQualify, sign),
    hoursToConvert: toConvert === null ? doc.hoursToConvert : countDuration(doc.hoursToConvert, toConvert, sign),
  };
}
