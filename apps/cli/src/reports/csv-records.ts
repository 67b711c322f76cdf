import { csvField } from '@crm/application';

/** One RFC 4180 record, line break included (CRLF, as `crm export --format csv` writes). */
export const csvRecord = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** A header and its records as one text. */
export const csvDocument = (header: readonly string[], records: readonly (readonly string[])[]): string =>
  [header, ...records].map(csvRecord).join('');
