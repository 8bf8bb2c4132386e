/** Configuration from the environment (API.md "Configuration"); the CLI reads the same variables. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  adminPassword: string | undefined;
  timeZone: string;
  /** SQLite `synchronous` pragma: FULL by default so a 2xx survives power loss. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const sync = (env.AFTERSALES_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? 'sqlite:./data/aftersales.db',
    adminPassword: env.AFTERSALES_ADMIN_PASSWORD || undefined,
    timeZone: env.AFTERSALES_TIMEZONE ?? 'Asia/Shanghai',
    sqliteSynchronous: sync === 'NORMAL' ? 'NORMAL' : 'FULL',
    logLevel: env.LOG_LEVEL ?? 'warn',
  };
}
