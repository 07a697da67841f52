import { Briefcase } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { ANY_READ } from './permissions';
import { staffAction } from '../../shared/staff-areas';

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Briefcase,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Client Area' },
      Component: () => import('./pages/App'),
      // Shown to a role holding any of the plugin's read permissions.
      permissions: ANY_READ,
    });
    // Settings → Client Area, for roles holding the settings "read" permission.
    app.addSettingsLink('global', {
      id: `${PLUGIN_ID}-settings`,
      to: PLUGIN_ID,
      intlLabel: { id: `${PLUGIN_ID}.settings.title`, defaultMessage: 'Client Area' },
      Component: () => import('./pages/SettingsPage'),
      permissions: [{ action: staffAction('settings', 'read'), subject: null }],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Client Area' });
  },
  bootstrap() {},
  /** The plugin's words for each admin locale, keyed `client-area.<key>`; English is also every default. */
  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { locale, data: Object.fromEntries(Object.entries(data).map(([key, text]) => [`${PLUGIN_ID}.${key}`, text])) };
        } catch {
          return { locale, data: {} };
        }
      }),
    );
  },
};
