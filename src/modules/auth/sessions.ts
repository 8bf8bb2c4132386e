import crypto from 'node:crypto';
import type { Actor, Ctx, Db, Role } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';
import { prepared } from '../../platform/db/prepared.js';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

const tokenId = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export function actorOf(u: { id: number; username: string; display_name: string; roles: string; station_id: number | null }): Actor {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles.split(',').filter(Boolean) as Role[],
    stationId: u.station_id,
  };
}

/** Resolves a token to its user in one query; disabled users and expired sessions get null. */
const sessionUser = prepared((db, p: { id: string }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.station_id', 'u.disabled', 's.expires_at'])
    .where('s.id', '=', p.id),
);

type SessionRow = Awaited<ReturnType<typeof sessionUser>>[number];

/**
 * Sessions resolved in the last second (decisions/0017-recent-sessions.md): a client sends many
 * requests a second with one token, and each would read the same session and user rows again.
 * An entry is used for RECENT_MS at most, its expiry and the user's disabled flag checked on every
 * use; this process forgets a session at its logout and all of a user's at any change to the user,
 * so another process's logout or change takes effect here within RECENT_MS. Unknown tokens are
 * not kept (a flood of made-up ones cannot fill it).
 */
const RECENT_MS = 1000;
const RECENT_MAX = 10_000;
const recent = new Map<string, { row: SessionRow; at: number }>();

export async function findSessionActor(db: Db, token: string, now: number): Promise<Actor | null> {
  const id = tokenId(token);
  let row = recentSession(id, now);
  if (!row) {
    [row] = await sessionUser(db, { id });
    if (row) remember(id, row, now);
  }
  if (!row || row.disabled || row.expires_at <= now) return null;
  return actorOf(row);
}

function recentSession(id: string, now: number): SessionRow | undefined {
  const hit = recent.get(id);
  if (!hit) return undefined;
  // A clock set back (tests, NTP) counts as stale too.
  if (now - hit.at < RECENT_MS && now >= hit.at) return hit.row;
  recent.delete(id);
  return undefined;
}

function remember(id: string, row: SessionRow, now: number): void {
  recent.delete(id);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(id, { row, at: now });
}

/** Forgets this process's recent sessions of a user, after a change to it (roles, station, disabled, password). */
export function forgetUserSessions(userId: number): void {
  for (const [id, hit] of recent) if (hit.row.id === userId) recent.delete(id);
}

/**
 * Checks a password and opens a session (a fresh token every time, so a planted cookie is
 * never promoted: no fixation). Failures count per user; five in a row lock it for 15 min.
 */
export async function login(ctx: Ctx, username: string, password: string): Promise<{ token: string; actor: Actor; expiresAt: number }> {
  const now = ctx.clock.now();
  const user = await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (user?.locked_until && user.locked_until > now) {
    throw new AppError('login_locked', { minutes: Math.ceil((user.locked_until - now) / 60000) });
  }
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok) {
    if (user) {
      const failures = user.failed_logins + 1;
      await ctx.db
        .updateTable('users')
        .set({ failed_logins: failures, locked_until: failures >= LOCK_AFTER_FAILURES ? now + LOCK_MS : null })
        .where('id', '=', user.id)
        .execute();
      if (failures >= LOCK_AFTER_FAILURES) throw new AppError('login_locked', { minutes: LOCK_MS / 60000 });
    }
    throw new AppError('invalid_credentials');
  }
  if (user.disabled) throw new AppError('user_disabled');
  if (user.failed_logins > 0) {
    await ctx.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  }
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  await ctx.db.insertInto('sessions').values({ id: tokenId(token), user_id: user.id, created_at: now, expires_at: expiresAt }).execute();
  await ctx.db.deleteFrom('sessions').where('user_id', '=', user.id).where('expires_at', '<', now).execute();
  return { token, actor: actorOf(user), expiresAt };
}

export async function logout(db: Db, token: string): Promise<void> {
  const id = tokenId(token);
  recent.delete(id);
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user (logout everywhere, disable, password change). */
export async function endAllSessions(db: Db, userId: number): Promise<void> {
  forgetUserSessions(userId);
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
