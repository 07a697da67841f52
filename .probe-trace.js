const { benchDatabase, boot } = require('./bench/app');
(async () => {
  const app = await boot(benchDatabase(process.argv[2] || 'postgres', process.argv[3] || 'client_area_bench_200000'), { listen: true });
  const knex = app.strapi.db.connection; let log = null; const started = new Map();
  knex.on('query', (q) => { if (log) started.set(q.__knexQueryUid, [process.hrtime.bigint(), q.sql, q.bindings]); });
  knex.on('query-response', (r, q) => { const s = started.get(q.__knexQueryUid); if (s && log) log.push([Number(process.hrtime.bigint() - s[0]) / 1e6, s[1].slice(0, 150)]); });
  const call = async (m, p, token, body, headers = {}) => (await fetch(app.url + p, { method: m, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}), ...headers }, body: body && JSON.stringify(body) })).json();
  const login = await call('POST', '/api/auth/local', null, { identifier: 'u1', password: 'Bench-pass-2026' });
  for (let i = 0; i < 3; i++) await call('GET', '/api/client-area/tickets?view=all&pageSize=25', login.jwt);
  log = [];
  const t = Date.now();
  await call('GET', '/api/client-area/tickets?view=all&pageSize=25', login.jwt);
  console.log('total', Date.now() - t);
  for (const [ms, sql] of log) console.log(ms.toFixed(1).padStart(7), sql);
  await app.stop();
})();
