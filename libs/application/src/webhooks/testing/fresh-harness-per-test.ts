import { readThrough } from '../../testing/per-test';
import { DeliveryHarness } from './delivery-harness';
import { LoopbackReceiver } from './loopback-receiver';

// Jest's hooks live apart from the harness: the harness is also compiled into the benches, which have no jest.
/** A harness and a loopback receiver made afresh for each test of the suite, and closed after it. */
export const freshHarnessPerTest = (): { harness: DeliveryHarness; receiver: LoopbackReceiver } => {
  let harness: DeliveryHarness | null = null;
  let receiver: LoopbackReceiver | null = null;
  beforeEach(async () => {
    harness = new DeliveryHarness();
    receiver = await LoopbackReceiver.start();
  });
  afterEach(async () => {
    await harness?.close();
    await receiver?.close();
    harness = null;
    receiver = null;
  });
  return { harness: readThrough(() => harness, 'the delivery harness'), receiver: readThrough(() => receiver, 'the loopback receiver') };
};
