import type { RecordedEvent } from '@crm/event-store';
import { csvField, csvLine, ndjsonLine } from './audit-log-format';

const event: RecordedEvent = {
  id: '3f0c8a52-7d1e-4b0a-9c4f-2a6d5e8b9f10',
  type: 'LeadDisqualified',
  streamName: 'lead-1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  revision: 3,
  position: 9007199254740993n,
  recordedAt: new Date('2025-02-03T04:05:06.007Z'),
  data: { notes: 'Said "no", twice,\nthen hung up' },
  metadata: { actor: 'rep-1', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2025-02-01T00:00:00.000Z' },
};

describe('audit log formats', () => {
  it('quotes CSV fields with commas, quotes or line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes one CSV row per event with data and metadata as JSON text', () => {
    const line = csvLine(event);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line.startsWith('9007199254740993,lead-1b4e28ba-2fa1-41d2-883f-0016d3cca427,3,')).toBe(true);
    expect(line).toContain('"{""notes"":""Said \\""no\\"", twice,\\nthen hung up""}"');
  });

  it('writes one NDJSON line per event, the position as a string beyond 2^53', () => {
    const line = ndjsonLine(event);
    expect(line.split('\n')).toHaveLength(2);
    expect(JSON.parse(line)).toEqual({
      position: '9007199254740993', stream: event.streamName, revision: 3, id: event.id, type: event.type,
      data: event.data, metadata: event.metadata, recordedAt: '2025-02-03T04:05:06.007Z',
    });
  });
});
