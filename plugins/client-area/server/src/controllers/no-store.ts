/**
 * An answer that shows a secret (a relationship password, a session token, a
 * login's tokens) must not be kept by a browser or a proxy cache.
 */
export const noStore = (ctx: { set(name: string, value: string): void }) => {
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Pragma', 'no-cache');
};
