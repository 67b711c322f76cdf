import { ConfigError } from '../../config/crm-config';
import { loadWebhookDeliveryConfig } from './delivery-config';
import { parseDuration, parseRetrySchedule, retryDelay } from './durations';

describe('webhook retry schedule and delivery settings', () => {
  it('reads durations in ms, s, m, h and d, and nothing else', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('5s')).toBe(5_000);
    expect(parseDuration(' 30m ')).toBe(1_800_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('5d')).toBe(432_000_000);
    for (const bad of ['5', '', 's', '-5s', '5 s', '5sec', '1e3ms', '5S']) expect(parseDuration(bad)).toBeNull();
  });

  it('repeats the last wait of the schedule for every later attempt', () => {
    const schedule = parseRetrySchedule('5s,5m,30m,2h,5h,10h');
    expect(schedule).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000]);
    expect([1, 2, 6, 7, 50].map((attempts) => retryDelay(schedule, attempts))).toEqual([5_000, 300_000, 36_000_000, 36_000_000, 36_000_000]);
    expect(retryDelay(parseRetrySchedule('10ms'), 3)).toBe(10);
  });

  it('names the step of a schedule that is not a duration', () => {
    expect(() => parseRetrySchedule('5s,,5m')).toThrow(/step 2 \(""\)/);
    expect(() => parseRetrySchedule('5s,soon')).toThrow(/step 2 \("soon"\) is not a positive duration/);
    expect(() => parseRetrySchedule('0s')).toThrow(/step 1/);
    expect(() => parseRetrySchedule('30d')).toThrow(/at most 24 days/);
  });

  it('takes the defaults when nothing is set', () => {
    expect(loadWebhookDeliveryConfig({})).toEqual({
      retrySchedule: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000],
      deactivateAfterMs: 5 * 86_400_000,
      pollMs: 1_000,
      allowPrivate: false,
      leaseTtlMs: 36_000,
      attemptTimeoutMs: 10_000,
    });
  });

  it('reads every variable', () => {
    const config = loadWebhookDeliveryConfig({
      CRM_WEBHOOK_RETRY_SCHEDULE: '10ms,20ms', CRM_WEBHOOK_DEACTIVATE_AFTER: '2s', CRM_WEBHOOK_POLL_MS: '25', CRM_WEBHOOK_ALLOW_PRIVATE: '1',
      CRM_WEBHOOK_LEASE_TTL_MS: '2000', CRM_WEBHOOK_TIMEOUT_MS: '500',
    });
    expect(config).toEqual({ retrySchedule: [10, 20], deactivateAfterMs: 2_000, pollMs: 25, allowPrivate: true, leaseTtlMs: 2_000, attemptTimeoutMs: 500 });
  });

  it.each([
    ['CRM_WEBHOOK_RETRY_SCHEDULE', '5s,later'],
    ['CRM_WEBHOOK_DEACTIVATE_AFTER', 'a week'],
    ['CRM_WEBHOOK_DEACTIVATE_AFTER', '0s'],
    ['CRM_WEBHOOK_POLL_MS', '1s'],
    ['CRM_WEBHOOK_POLL_MS', '0'],
    ['CRM_WEBHOOK_LEASE_TTL_MS', 'soon'],
    ['CRM_WEBHOOK_TIMEOUT_MS', '-5'],
  ])('refuses %s=%s at start-up, naming the variable', (variable, value) => {
    const load = () => loadWebhookDeliveryConfig({ [variable]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^${variable}: `));
  });

  it("refuses an attempt's timeout that is not under a third of the delivery lease's ttl", () => {
    expect(() => loadWebhookDeliveryConfig({ CRM_WEBHOOK_LEASE_TTL_MS: '2000' })).toThrow(/^CRM_WEBHOOK_TIMEOUT_MS: 10000 ms must be under a third/);
  });
});
