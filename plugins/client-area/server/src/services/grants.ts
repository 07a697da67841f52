import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Grant } from '../access';

const PRODUCT = 'plugin::client-area.product' as any;
const GRANT = 'plugin::client-area.grant' as any;

/** Grants as the API speaks them: products by documentId. */
export interface GrantDto {
  section: string;
  product: string | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Resolves product documentIds of one client to ids; a product of another client is a 400, not a leak. */
  async toFacts(clientId: number, grants: Array<{ section: string; product?: string | null }>): Promise<Grant[]> {
    for (const grant of grants) strapi.plugin('client-area').service('sections').check(grant.section, 'grants');
    const documentIds = [...new Set(grants.map((g) => g.product).filter((p): p is string => typeof p === 'string'))];
    const products = documentIds.length
      ? await strapi.db.query(PRODUCT).findMany({ where: { documentId: { $in: documentIds }, client: { id: clientId } }, select: ['id', 'documentId'] })
      : [];
    const idOf = new Map(products.map((p: any) => [p.documentId, p.id]));
    return grants.map((grant) => {
      if (!grant.product) return { section: grant.section, productId: null };
      const id = idOf.get(grant.product);
      if (id === undefined) throw new errors.ValidationError(`grants: no product ${grant.product} in this client`);
      return { section: grant.section, productId: id as number };
    });
  },

  async toDtos(grants: Grant[]): Promise<GrantDto[]> {
    const ids = [...new Set(grants.map((g) => g.productId).filter((id): id is number => id !== null))];
    const products = ids.length ? await strapi.db.query(PRODUCT).findMany({ where: { id: { $in: ids } }, select: ['id', 'documentId'] }) : [];
    const documentIdOf = new Map(products.map((p: any) => [p.id, p.documentId]));
    return grants.map((g) => ({ section: g.section, product: g.productId === null ? null : (documentIdOf.get(g.productId) as string) }));
  },

  /**
   * Replaces the grants of a membership or of an access role (inside the caller's
   * transaction). An edit (`keepHidden`) changes only the sections customers see: the
   * grants of hidden sections stay as they were, for when the section is shown again.
   * Without it every grant goes, as when a member is removed or a master steps down.
   */
  async replace(holder: { membership: number } | { accessRole: number }, grants: Grant[], { keepHidden = false }: { keepHidden?: boolean } = {}) {
    const [field, id] = 'membership' in holder ? ['membership', holder.membership] : ['accessRole', holder.accessRole];
    const sections = strapi.plugin('client-area').service('sections');
    const hidden = sections.names().filter((name: string) => !sections.isOffered(name));
    await strapi.db.query(GRANT).deleteMany({ where: { [field]: { id }, ...(keepHidden && hidden.length ? { section: { $notIn: hidden } } : {}) } });
    const seen = new Set<string>();
    for (const grant of grants) {
      if (keepHidden && hidden.includes(grant.section)) continue;
      const key = `${grant.section}:${grant.productId ?? '*'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await strapi.db.query(GRANT).create({ data: { [field]: id, section: grant.section, product: grant.productId } });
    }
  },
});
