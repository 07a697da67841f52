import config, { type ClientAreaConfig } from '../config';

const valid = (): ClientAreaConfig => ({ ...(config.default as any), secret: 's'.repeat(32), outbox: { ...config.default.outbox } });

describe("the plugin's settings are checked at start", () => {
  it('the defaults pass: mail is retried for 3 days', () => {
    expect(config.default.outbox.maxAgeHours).toBe(72);
    expect(() => config.validator(valid())).not.toThrow();
    expect(() => config.validator({ ...valid(), outbox: { ...valid().outbox, maxAgeHours: 0.5 } })).not.toThrow();
  });

  it('a maximum age that is not a number of hours above 0 is refused, naming the variable', () => {
    for (const maxAgeHours of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '72' as any, undefined as any]) {
      expect(() => config.validator({ ...valid(), outbox: { ...valid().outbox, maxAgeHours } })).toThrow(/maxAgeHours \(CLIENT_AREA_OUTBOX_MAX_AGE_HOURS\) must be a number of hours above 0/);
    }
  });

  it('a negative or missing backoff is refused, naming the variable', () => {
    for (const backoffSeconds of [-1, Number.NaN, undefined as any]) {
      expect(() => config.validator({ ...valid(), outbox: { ...valid().outbox, backoffSeconds } })).toThrow(/CLIENT_AREA_OUTBOX_BACKOFF_SECONDS/);
    }
  });
});
