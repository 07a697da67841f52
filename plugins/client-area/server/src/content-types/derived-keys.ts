import { errors } from '@strapi/utils';
import { isUniqueViolation } from '../database-errors';
import { connectionOf, linkOf } from '../queries/links';

/**
 * Strapi 5 keeps every relation in a link table, so a rule such as "one
 * membership per identity per client" can't be a unique index over relation
 * columns. Each such rule gets a key column computed from the persisted
 * relations after every write and guarded by a unique index: the database, not
 * a read-then-write check, refuses the duplicate, and the surrounding
 * transaction rolls the write back.
 */
type Row = Record<string, any>;

export interface DerivedKeys {
  /** Relations the keys are computed from (only their ids are loaded). */
  relations: string[];
  keys: Record<string, (row: Row) => string | null>;
  /** What a user is told when a key collides. */
  conflict: string;
}

/** The id of a populated relation, or null. */
export const relatedId = (related: unknown): number | null =>
  related && typeof related === 'object' && 'id' in related ? Number((related as Row).id) : null;


export const derivedKeyLifecycles = (uid: string, spec: DerivedKeys) => {
  const refresh = async (id: number) => {
    const row = await strapi.db.query(uid as any).findOne({ where: { id } });
    if (!row) return;
    // The related ids straight from the link tables, one after the other: Strapi's populate reads
    // relations in parallel, which a transaction's single connection must not be asked to do.
    const db = await connectionOf(strapi);
    for (const name of spec.relations) {
      const link = linkOf(strapi, uid, name);
      const found = await db(link.table).where(link.from, id).first(link.to);
      row[name] = found ? { id: Number(found[link.to]) } : null;
    }
    const changes: Row = {};
    for (const [attribute, compute] of Object.entries(spec.keys)) {
      const value = compute(row);
      if ((row[attribute] ?? null) !== value) changes[attribute] = value;
    }
    if (Object.keys(changes).length === 0) return;
    try {
      // The query builder writes without re-running these lifecycles.
      await strapi.db.queryBuilder(uid as any).where({ id }).update(changes).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new errors.ValidationError(spec.conflict);
      throw error;
    }
  };

  return {
    async afterCreate(event: { result?: Row }) {
      if (event.result?.id) await refresh(event.result.id);
    },
    async afterUpdate(event: { result?: Row }) {
      if (event.result?.id) await refresh(event.result.id);
    },
  };
};
