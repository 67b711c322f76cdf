import { accountStream, contactStream, leadStream, opportunityStream, parseStreamName, pipelineStream, streamName, streamRefOf } from './streams';

const id = '2f1d7c1e-5b8a-4c3e-9f7a-0a1b2c3d4e5f';

describe('stream names', () => {
  it('puts the category before the first dash', () => {
    expect([leadStream(id), accountStream(id), contactStream(id), opportunityStream(id), pipelineStream(id)]).toEqual([
      `lead-${id}`,
      `account-${id}`,
      `contact-${id}`,
      `opportunity-${id}`,
      `pipeline-${id}`,
    ]);
  });

  it('normalises the id and refuses a non-UUID', () => {
    expect(streamName('LEAD', id.toUpperCase())).toBe(`lead-${id}`);
    expect(() => leadStream('42')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('parses its own names back', () => {
    expect(parseStreamName(opportunityStream(id))).toEqual({ type: 'OPPORTUNITY', id });
    expect(streamRefOf(`contact-${id}`)).toEqual({ type: 'CONTACT', id });
    expect(parseStreamName(pipelineStream(id))).toEqual({ type: 'PIPELINE', id });
  });

  it.each(['$all', '$ce-lead', `deal-${id}`, 'lead-42', `lead${id}`, ''])('does not parse %p', (name) => {
    expect(parseStreamName(name)).toBeNull();
    expect(() => streamRefOf(name)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
