import schema from './schema';

/**
 * A deleted product takes its grants with it: a grant scoped to a product that no
 * longer exists must not survive as a client-wide one (the link table just empties).
 */
const GRANT = 'plugin::client-area.grant' as any;
const PRODUCT = 'plugin::client-area.product' as any;

async function dropGrantsOf(event: { params?: { where?: Record<string, unknown> } }) {
  const products = await strapi.db.query(PRODUCT).findMany({ where: event.params?.where ?? {}, select: ['id'] });
  const ids = products.map((product: any) => product.id);
  if (ids.length) await strapi.db.query(GRANT).deleteMany({ where: { product: { id: { $in: ids } } } });
}

export default { schema, lifecycles: { beforeDelete: dropGrantsOf, beforeDeleteMany: dropGrantsOf } };
