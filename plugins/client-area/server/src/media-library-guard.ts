import type { Core } from '@strapi/strapi';
import { staffAction } from './staff-permissions';

/**
 * Ticket attachments are upload-plugin files (their bytes live in a private folder, see
 * services/attachments.ts), so the media library would list them to every admin who may
 * browse media — Strapi's default Editor and Author included. The upload service hides
 * them from every listing and lookup made for anyone who does not hold the plugin's
 * *Read tickets* permission; the plugin's own download route reads them directly.
 */
export const PRIVATE_URL_PREFIX = 'private://client-area-attachments/';
const TICKETS_READ = staffAction('tickets', 'read');

const mayRead = (strapi: Core.Strapi) => {
  const ctx: any = strapi.requestContext.get();
  return Boolean(ctx?.state?.userAbility?.can?.(TICKETS_READ));
};

const withoutPrivate = (query: any = {}) => ({
  ...query,
  filters: { $and: [query.filters ?? {}, { $not: { url: { $startsWith: PRIVATE_URL_PREFIX } } }] },
});

export function hideAttachmentsFromMediaLibrary(strapi: Core.Strapi) {
  strapi.get('services').extend('plugin::upload.upload', (service: any) => ({
    ...service,
    findPage: (query?: any) => service.findPage(mayRead(strapi) ? query : withoutPrivate(query)),
    findMany: (query?: any) => service.findMany(mayRead(strapi) ? query : withoutPrivate(query)),
    async findOne(id: unknown, populate?: unknown) {
      const file = await service.findOne(id, populate);
      return file && String(file.url ?? '').startsWith(PRIVATE_URL_PREFIX) && !mayRead(strapi) ? null : file;
    },
  }));
}
