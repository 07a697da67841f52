import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { groupBy } from '../group-by';

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

/** The column Strapi keeps an attribute in. */
export function columnOf(strapi: Core.Strapi, uid: string, attribute: string): string {
  const column = (strapi.db.metadata.get(uid as any).attributes as Record<string, any>)[attribute]?.columnName;
  if (!column) throw new Error(`${uid}.${attribute} is not a column`);
  return column;
}

export function linkOf(strapi: Core.Strapi, uid: string, attribute: string): Link {
  const joinTable = (strapi.db.metadata.get(uid as any).attributes as Record<string, any>)[attribute]?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} is not a relation kept in a link table`);
  return { table: qualified(strapi, joinTable.name), from: joinTable.joinColumn.name, to: joinTable.inverseJoinColumn.name };
}

/** Where Strapi keeps a media attribute's files: the upload plugin's morph link table. */
export interface MediaLink {
  table: string;
  /** The column holding the file's id. */
  file: string;
  /** The columns naming the row that holds the file: its id and its content type's uid. */
  relatedId: string;
  relatedType: string;
}

export function mediaLinkOf(strapi: Core.Strapi): MediaLink {
  const related = (strapi.db.metadata.get('plugin::upload.file' as any).attributes as Record<string, any>).related;
  const joinTable = related?.joinTable;
  if (!joinTable?.morphColumn) throw new Error('plugin::upload.file.related is not a morph link table');
  return { table: qualified(strapi, joinTable.name), file: joinTable.joinColumn.name, relatedId: joinTable.morphColumn.idColumn.name, relatedType: joinTable.morphColumn.typeColumn.name };
}

/** A datetime as the database handed it (a Date on PostgreSQL, a number or string on SQLite), as a Date. */
export const dateOf = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as any));

/** A JSON value as the driver handed it (parsed on PostgreSQL's json columns, text elsewhere), parsed; null when it isn't JSON. */
export const jsonOf = (value: unknown): any => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

/** The SQL types a tagged union's columns may have: the same names on PostgreSQL and SQLite. */
export type ColumnType = 'bigint' | 'text' | 'boolean';

/**
 * Several small row sets read in one statement: a UNION ALL of branches, each tagged with
 * its name in a `tag` column and filling the columns it has; the others are NULLs cast
 * to the column's type (PostgreSQL resolves a union's column types pair by pair, so two
 * untyped NULLs would make a column text before a later branch's number meets it).
 * Each branch is planned on its own, as a statement of its own would be.
 */
export function tagged<C extends Record<string, ColumnType>>(
  db: Knex,
  columns: C,
  branches: Array<{ tag: string; query: Knex.QueryBuilder; select: Partial<Record<keyof C & string, string>> }>,
): Knex.QueryBuilder {
  const selected = branches.map(({ tag, query, select }) =>
    query.select([
      db.raw('cast(? as text) as tag', [tag]),
      ...Object.entries(columns).map(([name, type]) => (select[name] ? db.raw(`cast(?? as ${type}) as ??`, [select[name], name]) : db.raw(`cast(null as ${type}) as ??`, [name]))),
    ]),
  );
  const [first, ...rest] = selected;
  return rest.length ? first.unionAll(rest) : first;
}

/** The rows of a tagged union, by tag. */
export const byTag = (rows: any[]): Map<string, any[]> => groupBy(rows, (row) => row.tag as string);

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

/**
 * Runs one read query of a request that can go away. On PostgreSQL, with a `signal`
 * and outside a transaction, the query gets a pool connection of its own; when the
 * signal aborts (the client hung up) while it runs, PostgreSQL is told to cancel it
 * (`pg_cancel_backend`) instead of running on for nobody until the statement timeout,
 * and that connection is retired, never handed to another request a late cancel
 * could still reach.
 */
export async function cancellable<T>(strapi: Core.Strapi, db: Knex, query: Knex.QueryBuilder | Knex.Raw, signal?: AbortSignal): Promise<T> {
  if (!signal || (db as any).isTransaction || strapi.db.dialect.client !== 'postgres') return (await query) as T;
  if (signal.aborted) throw gone();
  const client = (db as any).client;
  const connection = await client.acquireConnection();
  let running = true;
  const cancel = () => {
    if (!running) return;
    connection.__knex__disposed = 'cancelled: the client went away';
    db.raw('select pg_cancel_backend(?)', [connection.processID]).catch(() => undefined);
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    return (await (query as any).connection(connection)) as T;
  } catch (error) {
    throw signal.aborted ? gone() : error;
  } finally {
    running = false;
    signal.removeEventListener('abort', cancel);
    await client.releaseConnection(connection);
  }
}

/** Nobody reads the answer any more; a 4xx keeps it out of the server-error log. */
const gone = () => new errors.ApplicationError('The client went away: the query was cancelled');

/** An AbortSignal of the request: aborts when the connection closes before the answer was sent. */
export function requestSignal(ctx: any): AbortSignal | undefined {
  if (!ctx?.res) return undefined;
  if (!ctx.state.abort) {
    const controller = new AbortController();
    ctx.res.once('close', () => {
      if (!ctx.res.writableFinished) controller.abort();
    });
    ctx.state.abort = controller;
  }
  return (ctx.state.abort as AbortController).signal;
}
