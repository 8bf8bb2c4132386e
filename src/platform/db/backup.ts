// Backup and restore (R-PLT-6). SQLite: the online backup API (a consistent copy while the
// server writes); PostgreSQL: pg_dump/pg_restore, whose dump is one snapshot.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import Database from 'better-sqlite3';
import type { Config } from '../config.js';

const SQLITE_MAGIC = 'SQLite format 3\0';
const PGDUMP_MAGIC = 'PGDMP';

/** An error the CLI prints as its message alone: these are the operator's to act on, not bugs. */
function fail(message: string): Error {
  return Object.assign(new Error(message), { [inspect.custom]: () => message });
}

function isPostgres(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

function sqlitePath(url: string): string {
  if (!url.startsWith('sqlite:')) throw fail(`DATABASE_URL must start with sqlite: or postgres:// (got ${url})`);
  const file = url.slice('sqlite:'.length);
  if (file === ':memory:' || file === '') throw fail('an in-memory SQLite database cannot be backed up or restored');
  return path.resolve(file);
}

function header(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks that a copy (ours, never the operator's file) is an intact Aftersales database and
 * makes it one self-contained file (rollback journal, no -wal beside it); returns its move count.
 */
function sealCopy(file: string, label: string): number {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    throw fail(`${label} is not a readable SQLite database: ${(err as Error).message}`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw fail(`${label} is damaged (quick_check: ${String(check)})`);
    try {
      return Number((db.prepare('select count(*) as n from moves').get() as { n: number }).n);
    } catch {
      throw fail(`${label} is a SQLite database but not an Aftersales one (no moves table)`);
    }
  } finally {
    db.close();
  }
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? `${cmd} not found on PATH: install the PostgreSQL client tools (e.g. apt-get install postgresql-client), same major version as the server` : `${cmd} failed to start: ${r.error.message}`);
  }
  if (r.status !== 0) throw fail(`${cmd} failed (exit ${r.status}):\n${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

/** Writes a consistent backup of DATABASE_URL to `file` while the server may keep running. */
export async function backup(config: Config, file: string): Promise<string> {
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) throw fail(`directory ${path.dirname(target)} does not exist`);
  if (isPostgres(config.databaseUrl)) {
    // Written beside the target first, so a failed dump never replaces a good older backup.
    const tmp = `${target}.partial`;
    try {
      run('pg_dump', ['--format=custom', '--no-owner', '--file', tmp, '--dbname', config.databaseUrl]);
      fs.renameSync(tmp, target);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
    return `备份完成 / backup written: ${target} (PostgreSQL custom format, ${fs.statSync(target).size} bytes); restore with: aftersales restore ${file}`;
  }
  const source = sqlitePath(config.databaseUrl);
  if (!fs.existsSync(source)) throw fail(`database ${source} does not exist`);
  if (source === target) throw fail('the backup file must not be the database itself');
  const tmp = `${target}.partial`;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    // The backup API copies page by page and restarts if a writer changes a page mid-way, so
    // the copy is one consistent snapshot even while the server writes (WAL mode).
    await db.backup(tmp);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw fail(`backup of ${source} failed: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  let moves: number;
  try {
    moves = sealCopy(tmp, source);
  } catch (err) {
    for (const ext of ['', '-journal']) fs.rmSync(`${tmp}${ext}`, { force: true });
    throw err;
  }
  fs.renameSync(tmp, target);
  return `备份完成 / backup written: ${target} (SQLite, ${moves} moves, ${fs.statSync(target).size} bytes); restore with: aftersales restore ${file}`;
}

/** Replaces the database named by DATABASE_URL with a backup; the server must be stopped. */
export async function restore(config: Config, file: string): Promise<string> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw fail(`backup file ${source} does not exist`);
  const magic = header(source);
  if (isPostgres(config.databaseUrl)) {
    if (magic.startsWith(SQLITE_MAGIC)) throw fail(`${source} is a SQLite backup; DATABASE_URL names a PostgreSQL database. Restore it with a sqlite: DATABASE_URL.`);
    if (!magic.startsWith(PGDUMP_MAGIC)) throw fail(`${source} is not a pg_dump custom-format archive made by aftersales backup`);
    const list = run('pg_restore', ['--list', source]);
    if (!/TABLE\s+\S+\s+moves\b/.test(list)) throw fail(`${source} is a PostgreSQL dump but not of an Aftersales database (no moves table)`);
    // One transaction: a failure leaves the database as it was.
    run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', config.databaseUrl, source]);
    return `恢复完成 / restored ${source} into ${redact(config.databaseUrl)}. 请重启服务 / restart the servers now.`;
  }
  if (magic.startsWith(PGDUMP_MAGIC)) throw fail(`${source} is a PostgreSQL backup; DATABASE_URL names a SQLite database. Restore it with a postgres:// DATABASE_URL.`);
  if (!magic.startsWith(SQLITE_MAGIC)) throw fail(`${source} is not a SQLite database file`);
  if (fs.existsSync(`${source}-wal`)) throw fail(`${source} has a -wal file beside it: it is a live database, not a backup. Make one with: aftersales backup <file>`);
  const target = sqlitePath(config.databaseUrl);
  if (target === source) throw fail('the backup file is the database itself');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) assertNotBusy(target);
  const tmp = `${target}.restoring`;
  fs.copyFileSync(source, tmp);
  let moves: number;
  try {
    moves = sealCopy(tmp, source);
  } catch (err) {
    for (const ext of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${tmp}${ext}`, { force: true });
    throw err;
  }
  let kept = '';
  if (fs.existsSync(target)) {
    kept = `${target}.before-restore`;
    fs.copyFileSync(target, kept);
  }
  const fd = fs.openSync(tmp, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  // A WAL left from the old database would be replayed onto the restored file: remove it first.
  for (const ext of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${ext}`, { force: true });
  fs.renameSync(tmp, target);
  return [
    `恢复完成 / restored ${source} (${moves} moves) into ${target}.`,
    kept ? `原数据库已另存为 / the previous database was kept as ${kept}.` : '',
    '注意：恢复前必须停止服务，恢复后再启动 / Note: the server must be stopped while restoring; start it again now.',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Refuses when another process is writing: a restore under a running server would be lost. */
function assertNotBusy(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    db.exec('begin exclusive');
    db.exec('commit');
    // Fold the WAL in, so the copy kept as .before-restore is complete on its own.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    throw fail(`database ${file} is in use (${(err as Error).message}): stop the server before restoring`);
  } finally {
    db?.close();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
