import { Briefcase } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { ANY_READ } from './permissions';

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Briefcase,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Client Area' },
      Component: () => import('./pages/Overview'),
      // Shown to a role holding any of the plugin's read permissions.
      permissions: ANY_READ,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Client Area' });
  },
  bootstrap() {},
  async registerTrads() {
    return [];
  },
};
