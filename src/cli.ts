// aftersales <command>: start, migrate, demo, backup, restore, check, user add.
import { parseArgs } from 'node:util';
import { loadConfig } from './platform/config.js';
import { inTransaction } from './platform/db/transaction.js';
import { ensureAdmin, openDatabase, startServer, systemCtx } from './main.js';
import { checkLedger } from './modules/inventory/check.js';
import { createUser } from './modules/auth/users.js';

const HELP = `aftersales — 售後服務與配件管理

  aftersales start [--demo] [--port N] [--host H]   start the server (SQLite by default)
  aftersales migrate                                bring the database schema up to date
  aftersales demo                                   load the demo data set (bus and coach maker)
  aftersales backup <file>                          online, consistent backup
  aftersales restore <file>                         restore a backup into DATABASE_URL
  aftersales check                                  verify the ledger invariants
  aftersales user add <username> --role R [--role R] [--name N] [--password P] [--station ID]

Environment: PORT, HOST, DATABASE_URL (sqlite:./data/aftersales.db | postgres://…),
AFTERSALES_ADMIN_PASSWORD, AFTERSALES_TIMEZONE.`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const config = loadConfig();
  switch (cmd) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } } });
      if (values.port) config.port = Number(values.port);
      if (values.host) config.host = values.host;
      const { app } = await startServer(config, { demo: values.demo });
      console.log(`Aftersales 已启动: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}  (${app.server.address() ? 'ok' : ''} ${config.databaseUrl.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'})`);
      return -1; // keep running
    }
    case 'migrate': {
      const h = await openDatabase(config);
      await ensureAdmin(h, config);
      await h.close();
      console.log('migrations applied');
      return 0;
    }
    case 'demo': {
      const h = await openDatabase(config);
      await ensureAdmin(h, config);
      const { loadDemo } = await import('./demo/demo.js');
      const summary = await loadDemo(h, config, { ifEmpty: false });
      await h.close();
      console.log(summary);
      return 0;
    }
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file) {
        console.error(`usage: aftersales ${cmd} <file>`);
        return 2;
      }
      const { backup, restore } = await import('./platform/db/backup.js');
      if (cmd === 'backup') console.log(await backup(config, file));
      else console.log(await restore(config, file));
      return 0;
    }
    case 'check': {
      const h = await openDatabase(config);
      const r = await checkLedger(h.db);
      await h.close();
      if (r.ok) {
        console.log(`账本检查通过 / ledger invariants hold: ${r.moves} moves; every part and lot sums to zero; no negative on-hand in a real location; balances equal the ledger; documents and moves match.`);
        return 0;
      }
      console.log(`账本检查失败 / ledger invariants VIOLATED (${r.problems.length} problems):`);
      for (const p of r.problems) console.log(`  - ${p}`);
      return 1;
    }
    case 'user': {
      if (rest[0] !== 'add' || !rest[1]) {
        console.error('usage: aftersales user add <username> --role R [--name N] [--password P] [--station ID]');
        return 2;
      }
      const { values } = parseArgs({ args: rest.slice(2), options: { role: { type: 'string', multiple: true }, name: { type: 'string' }, password: { type: 'string' }, station: { type: 'string' } } });
      const password = values.password ?? (await import('node:crypto')).randomBytes(9).toString('base64url');
      const h = await openDatabase(config);
      try {
        const u = await inTransaction(h.db, h.dialect, (db) =>
          createUser({ ...systemCtx(h, config), db }, { username: rest[1]!, password, displayName: values.name ?? rest[1]!, roles: values.role ?? ['technician'], stationId: values.station ? Number(values.station) : null }),
        );
        console.log(`created user ${u.username} (#${u.id}, ${u.roles.join(',')})${values.password ? '' : ` with password ${password}`}`);
      } finally {
        await h.close();
      }
      return 0;
    }
    default:
      console.log(HELP);
      return cmd === undefined || cmd === 'help' || cmd === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    const e = err as { code?: string; message?: string };
    console.error(e?.code ? `error: ${e.code} ${JSON.stringify((err as { details?: unknown }).details ?? {})}` : err);
    process.exit(1);
  },
);
