import fs from 'fs';
import path from 'path';
import config, { configProblems, defaults, type ClientAreaConfig } from '../config';

const SECRET = 'k'.repeat(40);
const valid = (): ClientAreaConfig => ({ ...structuredClone(defaults), secret: SECRET });
const withSetting = (path: string, value: unknown) => {
  const settings: any = valid();
  const keys = path.split('.');
  const last = keys.pop()!;
  keys.reduce((at, key) => at[key], settings)[last] = value;
  return settings;
};

describe("the plugin's settings are checked at start", () => {
  it('the defaults with a secret pass; the secret is the one setting without a default', () => {
    expect(configProblems(valid())).toEqual([]);
    expect(configProblems({ ...valid(), outbox: { ...defaults.outbox, maxAgeHours: 0.5 } })).toEqual([]);
    expect(defaults.secret).toBe('');
    expect(() => config.validator(defaults)).toThrow(/"secret" must be set to a random string of at least 32 characters/);
  });

  it('names the setting, says what it must be and what it was', () => {
    expect(configProblems(withSetting('outbox.maxAgeHours', 0))).toEqual(['"outbox.maxAgeHours" must be greater than 0; it is 0']);
    expect(configProblems(withSetting('outbox.maxAgeHours', Number.NaN))).toEqual(['"outbox.maxAgeHours" must be a number; it is NaN (not a number)']);
    expect(configProblems(withSetting('outbox.maxAgeHours', '72'))).toEqual(['"outbox.maxAgeHours" must be a number; it is "72"']);
    expect(configProblems(withSetting('outbox.backoffSeconds', -1))).toEqual(['"outbox.backoffSeconds" must be greater than or equal to 0; it is -1']);
    expect(configProblems(withSetting('attachments.maxFiles', 2.5))).toEqual(['"attachments.maxFiles" must be a whole number; it is 2.5']);
    expect(configProblems(withSetting('intake.unknownSender', 'drop'))).toEqual(['"intake.unknownSender" must be one of \'triage\' | \'reject\'; it is "drop"']);
    expect(configProblems(withSetting('imap.port', 70000))).toEqual(['"imap.port" must be less than or equal to 65535; it is 70000']);
    expect(configProblems(withSetting('supportAddress', 'support'))).toEqual(['"supportAddress" must be an email address such as support@example.com; it is "support"']);
    expect(configProblems(withSetting('publicUrl', 'https://support.example.com/'))).toEqual([
      '"publicUrl" must start with http:// or https:// and not end with /; it is "https://support.example.com/"',
    ]);
    expect(configProblems(withSetting('registration.allowed', 'yes'))).toEqual(['"registration.allowed" must be a boolean; it is "yes"']);
  });

  it('refuses settings it does not know, so a misspelt one is not silently ignored', () => {
    expect(configProblems({ ...valid(), outbox: { ...defaults.outbox, intervalMS: 1000 } })).toEqual([
      'unknown setting "outbox.intervalMS" (see the plugin\'s README for the settings there are)',
    ]);
    expect(configProblems({ ...valid(), smtp: {} })).toEqual(['unknown setting "smtp" (see the plugin\'s README for the settings there are)']);
  });

  it('wants the mailbox login once a mail server is named', () => {
    expect(configProblems({ ...valid(), imap: { ...defaults.imap, host: 'imap.example.com' } })).toEqual(['"imap.user" must be set when "imap.host" is (the mailbox\'s login); it is ""']);
    expect(configProblems({ ...valid(), imap: { ...defaults.imap, host: 'imap.example.com', user: 'support' } })).toEqual([]);
  });

  it('never prints a secret', () => {
    const problems = configProblems({ ...valid(), secret: 'short-but-secret', imap: { ...defaults.imap, password: 12345 } });
    expect(problems).toEqual([
      '"secret" must be set to a random string of at least 32 characters (keep it out of source control; for example from an env variable)',
      '"imap.password" must be a string',
    ]);
  });

  it('lists every problem at once', () => {
    const settings = withSetting('outbox.intervalMs', -5);
    settings.loginLimits.blockSeconds = 0;
    expect(() => config.validator(settings)).toThrow(
      /^2 settings are wrong \(config\/plugins, 'client-area'\.config\):\n {2}- "outbox\.intervalMs" must be greater than or equal to 0; it is -5\n {2}- "loginLimits\.blockSeconds" must be greater than or equal to 1; it is 0$/,
    );
  });
});

describe("the plugin's README", () => {
  it('lists every setting with the default the plugin has, and no other', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const listed = Object.fromEntries([...readme.matchAll(/^\| `([A-Za-z.]+)` \| (.+?) \|/gm)].map(([, name, value]) => [name, value]));
    const flat = (settings: object, prefix = ''): [string, unknown][] =>
      Object.entries(settings).flatMap(([key, value]) => (value && typeof value === 'object' && !Array.isArray(value) ? flat(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]]));
    const expected = Object.fromEntries(flat(defaults).map(([name, value]) => [name, name === 'secret' ? '*(none: required)*' : `\`${JSON.stringify(value)}\``]));
    expect(listed).toEqual(expected);
  });
});
