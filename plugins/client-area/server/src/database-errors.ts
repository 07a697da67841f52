/**
 * Whether a database error is a unique-index violation, on PostgreSQL or SQLite.
 * Matched by code and message, not by class: the driver's error may come from
 * another module realm.
 */
export const isUniqueViolation = (error: any): boolean =>
  error?.code === '23505' || error?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/.test(String(error?.message));
