'use strict';
/**
 * Strapi's event listeners (content history, webhooks) write after an operation
 * has returned; destroying the pool under them crashes with "aborted" on
 * PostgreSQL. Wait until the pool is idle (a few seconds at most) before destroy.
 */
async function untilDatabaseIdle(strapi, timeoutMs = 10000) {
  const pool = strapi.db.connection.client.pool;
  const deadline = Date.now() + timeoutMs;
  while (pool && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

module.exports = { untilDatabaseIdle };
