/** Origins (scheme://host[:port]) allowed to call the API from a browser with credentials. */
const origins = (env: any) => {
  const listed = [env('PUBLIC_URL', `http://localhost:${env('PORT', '1337')}`), ...env.array('CORS_ORIGINS', [])];
  return [...new Set(listed.map((value: string) => value.trim()).filter(Boolean).map((value: string) => new URL(value).origin))];
};

export default ({ env }) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  // Never reflect any origin: only the app's own and those listed in CORS_ORIGINS.
  { name: 'strapi::cors', config: { origin: origins(env), credentials: true } },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
