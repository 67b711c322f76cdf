import { InvalidEventStoreRequestError } from './errors';

/** `<category>-<id>`: EventStoreDB's category is the text before the first dash, and so is ours. */
const STREAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}-[A-Za-z0-9][A-Za-z0-9._:@-]{0,191}$/;

export const assertStreamName = (streamName: unknown): string => {
  if (typeof streamName !== 'string' || !STREAM_NAME.test(streamName)) {
    throw new InvalidEventStoreRequestError(
      `Invalid stream name ${JSON.stringify(streamName)}: expected <category>-<id>, e.g. lead-3f0c…`,
      'streamName',
    );
  }
  return streamName;
};

export const categoryOf = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash < 0 ? streamName : streamName.slice(0, dash);
};
