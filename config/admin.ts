export default ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  // Strapi loads the plugin's build, not its sources: scripts/develop.js rebuilds it and reloads
  // Strapi once dist/server changed. The portal's files are read on each request.
  watchIgnoreFiles: ['**/plugins/*/admin/**', '**/plugins/*/server/**', '**/plugins/*/shared/**', '**/plugins/*/portal/**', '**/tests/**', '**/bench/**', '**/scripts/**'],
});
