import { errors } from '@strapi/utils';

/**
 * A 403 that keeps its message. Strapi's authorize middleware wraps the whole
 * route and turns any ForbiddenError except a PolicyError into a bare "Forbidden";
 * our refusals name what is missing, so they are PolicyErrors.
 */
export const forbidden = (message: string, details?: Record<string, unknown>) => new errors.PolicyError(message, details);
