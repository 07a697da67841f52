import { z } from 'zod';
import { errors } from '@strapi/utils';

/**
 * Controllers parse request bodies with these schemas before any service sees
 * them. Unknown fields are refused (`strict`), so no body field can smuggle in a
 * grant, a parent, a status, a client or a master flag.
 */
export const parse = <T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> => {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new errors.ValidationError(`${where}${issue.message}`, { issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) });
  }
  return result.data;
};

export const enterClient = z.object({ relationshipPassword: z.string().min(1).max(200) }).strict();
