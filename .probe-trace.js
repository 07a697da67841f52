const { benchDatabase, boot } = require('./bench/app');
(async () => {
  const app = await boot(benchDatabase('postgres', process.argv[2]), { listen: true });
  const knex = app.strapi.db.connection; let log = null; const started = new Map();
  knex.on('query', (q) => { if (log) started.set(q.__knexQueryUid, [process.hrtime.bigint(), q.sql]); });
  knex.on('query-response', (r, q) => { const s = started.get(q.__knexQueryUid); if (s && log) log.push([Number(process.hrtime.bigint() - s[0]) / 1e6, s[1].slice(0, 120)]); });
  const call = async (m, p, token, body) => (await fetch(app.url + p, { method: m, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) }, body: body && JSON.stringify(body) })).json();
  const login = await call('POST', '/api/auth/local', null, { identifier: process.argv[3], password: 'Bench-pass-2026' });
  for (let i = 0; i < 5; i++) await call('GET', '/api/client-area/tickets?view=all&pageSize=25', login.jwt);
  log = [];
  const t = process.hrtime.bigint();
  await call('GET', '/api/client-area/tickets?view=all&pageSize=25', login.jwt);
  console.log('total', Number(process.hrtime.bigint() - t) / 1e6);
  for (const [ms, sql] of log) console.log(ms.toFixed(1).padStart(7), sql);
  await app.stop();
})();
