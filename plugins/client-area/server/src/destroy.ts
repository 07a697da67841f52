import type { Core } from '@strapi/strapi';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.plugin('client-area').service('settings').stop();
  await strapi.plugin('client-area').service('imap-poller').stop();
  await strapi.plugin('client-area').service('outbox').stop();
};
