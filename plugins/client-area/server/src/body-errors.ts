import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * A request body Strapi's body parser can't read (a multipart body whose boundary is
 * wrong or missing, a truncated upload) is the client's mistake, but the parser throws a
 * plain Error that Strapi answers with a 500. Wrapping `strapi::body` turns any error
 * raised before the request reaches the next middleware into a 400 that says what is
 * wrong; errors from further down pass untouched.
 */
export function answerUnreadableBodies(strapi: Core.Strapi) {
  strapi.get('middlewares').extend('strapi::body', (factory: any) => (config: unknown, context: unknown) => {
    const parse = factory(config, context);
    return async (ctx: any, next: () => Promise<void>) => {
      let reachedNext = false;
      try {
        await parse(ctx, async () => {
          reachedNext = true;
          await next();
        });
      } catch (error: any) {
        const httpStatus = Number(error?.status ?? error?.statusCode);
        if (reachedNext || error instanceof errors.ApplicationError || (httpStatus >= 400 && httpStatus < 500)) throw error;
        const multipart = String(ctx.get?.('content-type') ?? '').toLowerCase().startsWith('multipart/');
        throw new errors.ValidationError(
          multipart
            ? 'The multipart body could not be read: check its boundary and that it is complete'
            : 'The request body could not be read',
        );
      }
    };
  });
}
