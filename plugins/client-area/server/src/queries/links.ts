import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Where Strapi keeps one relation: its link table and the two columns, read from
 * Strapi's own metadata so a query shaped by hand names exactly what Strapi wrote.
 */
export interface Link {
  table: string;
  /** The column holding the id of the row that owns the attribute. */
  from: string;
  /** The column holding the related row's id. */
  to: string;
}

/** A table's name, qualified with the PostgreSQL schema when one is configured. */
const qualified = (strapi: Core.Strapi, table: string) => {
  const schema = strapi.db.getSchemaName?.();
  return schema ? `${schema}.${table}` : table;
};

export const tableOf = (strapi: Core.Strapi, uid: string): string => qualified(strapi, strapi.db.metadata.get(uid as any).tableName);

export function linkOf(strapi: Core.Strapi, uid: string, attribute: string): Link {
  const joinTable = (strapi.db.metadata.get(uid as any).attributes as Record<string, any>)[attribute]?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} is not a relation kept in a link table`);
  return { table: qualified(strapi, joinTable.name), from: joinTable.joinColumn.name, to: joinTable.inverseJoinColumn.name };
}

/** A datetime as the database handed it (a Date on PostgreSQL, a number or string on SQLite), as a Date. */
export const dateOf = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as any));

/**
 * The connection a hand-shaped query runs on: the open transaction's when there is one
 * (it sees the transaction's own writes, and SQLite has a single connection to give).
 */
export async function connectionOf(strapi: Core.Strapi): Promise<Knex> {
  return strapi.db.inTransaction() ? ((await strapi.db.transaction()) as any).get() : strapi.db.connection;
}

/**
 * Runs independent queries together on the pool, or one after the other inside a
 * transaction, whose single connection must not be handed two queries at once.
 */
export async function together<T extends readonly unknown[]>(db: Knex, queries: { [K in keyof T]: () => PromiseLike<T[K]> }): Promise<T> {
  if ((db as any).isTransaction) {
    const results: unknown[] = [];
    for (const query of queries) results.push(await query());
    return results as unknown as T;
  }
  return Promise.all(queries.map((query) => query())) as unknown as Promise<T>;
}
