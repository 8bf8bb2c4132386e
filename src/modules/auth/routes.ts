import { Type } from 'typebox';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf, SESSION_COOKIE, withTx } from '../../platform/http/server.js';
import { IdParams, OptId, Version } from '../../platform/http/schemas.js';
import { versionOf } from '../../platform/http/versions.js';
import { decodeCursor, PageQuery, toPage } from '../../platform/http/paging.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { endAllSessions, login, logout, SESSION_TTL_MS } from './sessions.js';
import { createUser, updateUser, userView } from './users.js';

const RoleName = Type.Union(['admin', 'service_manager', 'dispatcher', 'technician', 'warehouse_keeper', 'finance', 'station_user'].map((r) => Type.Literal(r)));
const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  stationId: Type.Union([Type.Integer(), Type.Null()]),
  disabled: Type.Boolean(),
  version: Type.Integer(),
});

export function authRoutes(app: App, deps: AppDeps) {
  const loginRate = Number(process.env.AFTERSALES_LOGIN_RATE ?? 20);
  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: { max: loginRate, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '')}` } },
      schema: {
        tags: ['auth'],
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Type.Object({ token: Type.String(), user: User }) },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(deps, req);
      // Failure counters must persist even though the login is refused: no outer transaction.
      const { token, actor } = await login(ctx, req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.protocol === 'https', maxAge: SESSION_TTL_MS / 1000 });
      const u = await deps.handle.db.selectFrom('users').selectAll().where('id', '=', actor.id).executeTakeFirstOrThrow();
      return { token, user: userView(u) };
    },
  );

  app.post('/auth/logout', { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async (req, reply) => {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : req.cookies[SESSION_COOKIE];
    if (token) await logout(deps.handle.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post('/auth/logout-all', { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async (req, reply) => {
    await endAllSessions(deps.handle.db, req.actor!.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/me', { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: User } } }, async (req) => {
    const u = await deps.handle.db.selectFrom('users').selectAll().where('id', '=', req.actor!.id).executeTakeFirstOrThrow();
    return userView(u);
  });

  app.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
          password: Type.String({ maxLength: 200 }),
          displayName: Type.String({ minLength: 1, maxLength: 100 }),
          roles: Type.Array(RoleName, { minItems: 1, maxItems: 7 }),
          stationId: OptId,
          disabled: Type.Optional(Type.Boolean()),
        }),
        response: { 201: User },
      },
    },
    async (req, reply) => {
      const user = await withTx(deps, req, (ctx) => createUser(ctx, req.body));
      return reply.code(201).send(user);
    },
  );

  app.get(
    '/users',
    {
      config: { access: ['admin', 'service_manager', 'dispatcher', 'warehouse_keeper', 'finance', 'station_user', 'technician'] },
      schema: { tags: ['users'], querystring: Type.Object({ ...PageQuery, role: Type.Optional(RoleName), q: Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: Type.Object({ items: Type.Array(User), nextCursor: Type.Union([Type.String(), Type.Null()]) }) } },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      const after = decodeCursor(req.query.cursor, 'n');
      let q = deps.handle.db.selectFrom('users').selectAll();
      if (req.query.role) q = q.where('roles', 'like', `%${req.query.role}%`);
      if (req.query.q) q = q.where((eb) => eb.or([eb('username', 'like', `%${req.query.q}%`), eb('display_name', 'like', `%${req.query.q}%`)]));
      const a = req.actor!;
      if (a.roles.length === 1 && a.roles[0] === 'station_user') q = q.where('station_id', '=', a.stationId);
      if (after) q = q.where('id', '>', Number(after[0]));
      const rows = await q.orderBy('id').limit(limit + 1).execute();
      return toPage(rows, limit, userView, (r) => [r.id]);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        params: IdParams,
        body: Type.Object({
          version: Type.Optional(Version),
          password: Type.Optional(Type.String({ maxLength: 200 })),
          displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          roles: Type.Optional(Type.Array(RoleName, { minItems: 1, maxItems: 7 })),
          stationId: OptId,
          disabled: Type.Optional(Type.Boolean()),
        }),
        response: { 200: User },
      },
    },
    async (req) => {
      const version = versionOf(req);
      return inTransaction(deps.handle.db, deps.handle.dialect, (db) => updateUser({ ...ctxOf(deps, req), db }, req.params.id, { ...req.body, version }));
    },
  );
}
