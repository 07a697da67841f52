import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { configProblems } from '../config';
import { openBody, sealBody } from '../secrets/sealed-body';

/**
 * Settings → Client Area: the settings staff change in the admin panel, kept in the
 * plugin's store and laid over the app's own configuration (config/plugins and its env
 * variables), which stays the default each one falls back to when reset. The whole
 * result is checked as the app's configuration is at start, so nothing the start would
 * refuse can be saved. A change applies at once on the instance that saved it (the IMAP
 * poller restarts when its settings change) and on every other instance within
 * `REFRESH_MS`, which reads the store again.
 */
const STORE = { type: 'plugin', name: 'client-area', key: 'settings' } as const;
const REFRESH_MS = 30_000;
/** The PostgreSQL advisory lock a save holds while it reads and writes the store. */
const SAVE_LOCK = 7_401_113_338;

/** What staff may change here, path by path; anything else stays in the app's configuration. */
const EDITABLE = {
  staffAddress: z.string(),
  'outbox.maxAgeHours': z.number(),
  'intake.unknownSender': z.enum(['triage', 'reject']),
  'intake.trustedAuthservId': z.string().max(255),
  'imap.host': z.string().max(255),
  'imap.port': z.number().int(),
  'imap.secure': z.boolean(),
  'imap.user': z.string().max(255),
  'imap.password': z.string().max(1000),
  'imap.mailbox': z.string().max(255),
  'imap.pollIntervalMs': z.number().int(),
  hiddenSections: z.array(z.string().max(64)).max(50),
} as const;

export type SettingPath = keyof typeof EDITABLE;
const PATHS = Object.keys(EDITABLE) as SettingPath[];
/** Never sent back (only whether it is set), and kept in the store sealed under the plugin's secret. */
const SECRET: SettingPath[] = ['imap.password'];
/** What a sealed setting is bound to, so a sealed value can't be moved to another one. */
const sealedAs = (path: string) => `client-area/settings/${path}`;

/** A change: a value for each setting to override, null to go back to the app's own. */
export const settingsChange = z
  .object(Object.fromEntries(PATHS.map((path) => [path, EDITABLE[path].nullable().optional()])) as { [P in SettingPath]: z.ZodOptional<z.ZodNullable<(typeof EDITABLE)[P]>> })
  .strict();

const read = (object: any, path: string) => path.split('.').reduce((value, key) => value?.[key], object);
const write = (object: any, path: string, value: unknown) => {
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((node, key) => (node[key] ??= {}), object);
  parent[last] = value;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store(STORE);
  /** The app's own configuration, as it was before any override: what a reset goes back to. */
  let base: Record<string, unknown> | null = null;
  let applied = '{}';
  let timer: NodeJS.Timeout | undefined;

  const serverKey = () => strapi.plugin('client-area').config('secret') as string;

  /** The saved overrides, secrets opened; one that no longer opens (the secret changed) is dropped, and said. */
  const overridesIn = async (): Promise<Partial<Record<SettingPath, unknown>>> => {
    const saved = ((await store().get({})) ?? {}) as Record<string, unknown>;
    const overrides: Partial<Record<SettingPath, unknown>> = {};
    for (const path of PATHS) {
      const value = saved[path];
      if (value === undefined || value === null) continue;
      if (!SECRET.includes(path)) {
        overrides[path] = value;
        continue;
      }
      try {
        overrides[path] = openBody(serverKey(), sealedAs(path), String(value)).text;
      } catch (error) {
        strapi.log.error(`client-area: the saved setting ${path} is ignored: ${(error as Error).message}`);
      }
    }
    return overrides;
  };

  /** What the store keeps: secrets sealed. */
  const toStore = (overrides: Partial<Record<SettingPath, unknown>>) =>
    Object.fromEntries(Object.entries(overrides).map(([path, value]) => [path, SECRET.includes(path as SettingPath) ? sealBody(serverKey(), sealedAs(path), { text: String(value), html: null }) : value]));

  const merged = (overrides: Partial<Record<SettingPath, unknown>>) => {
    const config = structuredClone(base ?? strapi.config.get('plugin::client-area'));
    for (const [path, value] of Object.entries(overrides)) write(config, path, value);
    return config as Record<string, unknown>;
  };

  /** Puts overrides in force; the poller restarts when the mailbox settings changed. */
  async function apply(overrides: Partial<Record<SettingPath, unknown>>) {
    const next = JSON.stringify(overrides);
    if (next === applied) return;
    // Saved settings that no longer pass (the app's own configuration changed under them) are not put in force.
    const problems = configProblems(merged(overrides));
    if (problems.length) {
      strapi.log.error(`client-area: the settings saved in Settings → Client Area are not applied: ${problems.join('; ')}`);
      return;
    }
    const before = JSON.stringify(strapi.config.get('plugin::client-area.imap'));
    strapi.config.set('plugin::client-area', merged(overrides));
    applied = next;
    if (JSON.stringify(strapi.config.get('plugin::client-area.imap')) !== before) {
      const poller = strapi.plugin('client-area').service('imap-poller');
      await poller.stop();
      poller.start();
    }
  }

  return {
    /** At start: remember the app's own configuration, then lay the saved settings over it, and keep them in step. */
    async load() {
      base ??= structuredClone(strapi.config.get('plugin::client-area'));
      await apply(await overridesIn());
      timer ??= setInterval(() => {
        overridesIn()
          .then(apply)
          .catch((error: Error) => strapi.log.error(`client-area: reading the saved settings failed: ${error.message}`));
      }, REFRESH_MS);
      timer.unref?.();
    },

    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },

    /** Each setting: its value in force, the app's own, and whether staff changed it. Secrets say only whether they are set. */
    async describe() {
      const overrides = await overridesIn();
      const config = merged(overrides);
      return PATHS.map((path) => {
        const secret = SECRET.includes(path);
        const value = read(config, path);
        const own = read(base ?? config, path);
        return {
          path,
          value: secret ? null : value,
          default: secret ? null : own,
          isSet: secret ? Boolean(value) : undefined,
          changed: path in overrides,
        };
      });
    },

    /**
     * Saves a change (null: back to the app's own value), checked as a start would check it;
     * audited without secrets, in the same transaction. Saves are taken one at a time (on
     * PostgreSQL under a lock held to the commit), so two staff saving different settings
     * at once both keep theirs.
     */
    async update(change: z.infer<typeof settingsChange>, staffId: number) {
      const overrides = await strapi.db.transaction(async ({ trx }) => {
        if (strapi.db.dialect.client === 'postgres') await trx.raw('select pg_advisory_xact_lock(?)', [SAVE_LOCK]);
        return save(change, staffId);
      });
      await apply(overrides);
    },
  };

  async function save(change: z.infer<typeof settingsChange>, staffId: number) {
    const overrides = await overridesIn();
    for (const [path, value] of Object.entries(change) as Array<[SettingPath, unknown]>) {
      if (value === undefined) continue;
      if (value === null) delete overrides[path];
      else overrides[path] = value;
    }
    const problems = configProblems(merged(overrides));
    const sections = strapi.plugin('client-area').service('sections');
    for (const name of change.hiddenSections ?? []) {
      if (!sections.has(name)) problems.push(`"hiddenSections": there is no section "${name}" (the sections are ${sections.names().join(', ')})`);
    }
    if (problems.length) throw new errors.ValidationError(problems.join('; '), { problems });
    await store().set({ value: toStore(overrides) });
    await strapi.plugin('client-area').service('audit').record({
      action: 'settings.changed',
      actorStaffId: staffId,
      subjectType: 'settings',
      details: Object.fromEntries(Object.entries(change).map(([path, value]) => [path, SECRET.includes(path as SettingPath) && value !== null ? '(changed)' : value])),
    });
    return overrides;
  }
};
