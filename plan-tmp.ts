import { DatabaseSync } from 'node:sqlite';
import { openSqliteStore } from './src/store/sqlite.ts';
import { SQL } from './src/store/queries.ts';
const store = await openSqliteStore('/tmp/plan.sqlite'); await store.close();
const db = new DatabaseSync('/tmp/plan.sqlite');
for (const [name, sql] of Object.entries(SQL)) {
  const list = Array.isArray(sql) ? sql : [sql];
  for (const one of list) {
    if (typeof one !== 'string') continue;
    const n = (one.match(/\?/g) ?? []).length;
    try { const rows = db.prepare('EXPLAIN QUERY PLAN ' + one).all(...Array(n).fill('x')); console.log(name.padEnd(26), rows.map(r => r.detail).join(' | ')); } catch (e) { console.log(name, 'ERR', e.message); }
  }
}
