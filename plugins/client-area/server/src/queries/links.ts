import type { Core } from '@strapi/strapi';

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

export const tableOf = (strapi: Core.Strapi, uid: string): string => strapi.db.metadata.get(uid as any).tableName;

export function linkOf(strapi: Core.Strapi, uid: string, attribute: string): Link {
  const joinTable = (strapi.db.metadata.get(uid as any).attributes as Record<string, any>)[attribute]?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} is not a relation kept in a link table`);
  return { table: joinTable.name, from: joinTable.joinColumn.name, to: joinTable.inverseJoinColumn.name };
}

/** A datetime as the database handed it (a Date on PostgreSQL, a number or string on SQLite), as a Date. */
export const dateOf = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as any));
