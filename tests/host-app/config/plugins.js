// The plugin is found through package.json (an installed package with "strapi.kind": "plugin");
// here it only gets its one required setting.
module.exports = ({ env }) => ({
  'client-area': {
    config: { secret: env('CLIENT_AREA_SECRET') },
  },
});
