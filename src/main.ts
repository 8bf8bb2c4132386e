// Starting the server: open the database, migrate, make the first admin, listen, schedule jobs.
import crypto from 'node:crypto';
import type { Database, Ctx } from './db.js';
import { loadConfig, type Config } from './platform/config.js';
import { connect, type DbHandle } from './platform/db/connect.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { inTransaction } from './platform/db/transaction.js';
import { systemClock, type Clock } from './platform/clock.js';
import { claimSlot, every } from './platform/jobs.js';
import { buildApp } from './app.js';
import { createUser } from './modules/auth/users.js';
import { expireReservations } from './modules/inventory/reservations.js';
import { recordOverdueBreaches } from './modules/service/sla.js';

export const SYSTEM_ACTOR = { id: 0, username: 'system', displayName: '系统', roles: ['admin' as const], stationId: null };

export function systemCtx(handle: DbHandle<Database>, config: Config, clock: Clock = systemClock): Ctx {
  return { db: handle.db, dialect: handle.dialect, actor: SYSTEM_ACTOR, clock, timeZone: config.timeZone, lang: 'zh-CN' };
}

/** On an empty database, creates user admin (API.md): with AFTERSALES_ADMIN_PASSWORD or a printed random one. */
export async function ensureAdmin(handle: DbHandle<Database>, config: Config, log: (s: string) => void = console.log): Promise<void> {
  const any = await handle.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const password = config.adminPassword ?? crypto.randomBytes(9).toString('base64url');
  try {
    await inTransaction(handle.db, handle.dialect, (db) => createUser({ ...systemCtx(handle, config), db }, { username: 'admin', password, displayName: '系统管理员', roles: ['admin'] }));
  } catch (err) {
    if ((err as { code?: string }).code === 'duplicate') return; // a peer process made it first
    throw err;
  }
  if (!config.adminPassword) log(`\n  首次启动：已创建管理员 admin，密码 ${password}（只显示这一次）\n  First start: created user admin with password ${password} (shown once)\n`);
}

export async function openDatabase(config: Config): Promise<DbHandle<Database>> {
  const handle = connect<Database>(config.databaseUrl, { synchronous: config.sqliteSynchronous });
  await migrateToLatest(handle.db);
  return handle;
}

export async function startServer(config: Config = loadConfig(), opts: { demo?: boolean } = {}) {
  const handle = await openDatabase(config);
  await ensureAdmin(handle, config);
  if (opts.demo) {
    const { loadDemo } = await import('./demo/demo.js');
    console.log(await loadDemo(handle, config, { ifEmpty: true }));
  }
  const deps = { handle, config, clock: systemClock };
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: config.host });
  const stopJobs = every(60_000, async () => {
    const now = systemClock.now();
    const slot = String(Math.floor(now / 60_000));
    if (await claimSlot(handle.db, 'expire-reservations', slot, now)) {
      await inTransaction(handle.db, handle.dialect, (db) => expireReservations({ ...systemCtx(handle, config), db }));
    }
    // SLA targets that passed without their transition are recorded as breaches (R-SVC-5).
    if (await claimSlot(handle.db, 'sla-breaches', slot, now)) {
      await inTransaction(handle.db, handle.dialect, (db) => recordOverdueBreaches({ ...systemCtx(handle, config), db }));
    }
  });
  const close = async () => {
    stopJobs();
    await app.close();
    await handle.close();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void close().then(() => process.exit(0)));
  return { app, handle, close };
}
