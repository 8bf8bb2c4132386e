import type { Ctx, Role } from '../../db.js';
import { ALL_ROLES } from '../../db.js';
import { AppError } from '../../platform/errors.js';
import { audit } from './audit.js';
import { hashPassword } from './passwords.js';
import { endAllSessions, forgetUserSessions } from './sessions.js';
import { ensureHolding } from '../inventory/locations.js';
import type { UsersRow } from './tables.js';

export interface UserInput {
  username: string;
  password: string;
  displayName: string;
  roles: string[];
  stationId?: number | null;
  disabled?: boolean;
}

export function userView(u: UsersRow) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles.split(',').filter(Boolean),
    stationId: u.station_id,
    disabled: !!u.disabled,
    version: u.version,
  };
}

function checkRoles(roles: string[]): Role[] {
  for (const r of roles) if (!ALL_ROLES.includes(r as Role)) throw new AppError('unknown_role', { role: r });
  return [...new Set(roles)] as Role[];
}

async function checkStation(ctx: Ctx, roles: Role[], stationId: number | null | undefined) {
  if (roles.includes('station_user') && !stationId) throw new AppError('station_required');
  if (stationId) {
    const loc = await ctx.db.selectFrom('locations').select(['id', 'kind']).where('id', '=', stationId).executeTakeFirst();
    if (!loc) throw new AppError('unknown_location', { locationId: stationId });
    if (loc.kind !== 'station') throw new AppError('wrong_location_kind', { kind: loc.kind });
  }
}

/** Creates a user; a technician gets a holding location at once (R-INV-9). */
export async function createUser(ctx: Ctx, input: UserInput) {
  if (input.password.length < 8) throw new AppError('weak_password');
  const roles = checkRoles(input.roles);
  await checkStation(ctx, roles, input.stationId);
  const exists = await ctx.db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (exists) throw new AppError('duplicate', { field: 'username' });
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('users')
    .values({
      username: input.username,
      password_hash: await hashPassword(input.password),
      display_name: input.displayName,
      roles: roles.join(','),
      station_id: input.stationId ?? null,
      disabled: input.disabled ? 1 : 0,
      failed_logins: 0,
      locked_until: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (roles.includes('technician')) await ensureHolding(ctx, row.id, row.display_name);
  await audit(ctx, 'create', 'user', row.id, null, userView(row));
  return userView(row);
}

export interface UserPatch {
  version: number;
  password?: string;
  displayName?: string;
  roles?: string[];
  stationId?: number | null;
  disabled?: boolean;
}

/** Updates a user with an optimistic version; disabling ends its sessions at once. */
export async function updateUser(ctx: Ctx, id: number, patch: UserPatch) {
  const before = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found');
  if (before.version !== patch.version) throw new AppError('version_conflict', { current: before.version });
  const roles = patch.roles ? checkRoles(patch.roles) : (before.roles.split(',') as Role[]);
  const stationId = patch.stationId === undefined ? before.station_id : patch.stationId;
  await checkStation(ctx, roles, stationId);
  if (patch.password !== undefined && patch.password.length < 8) throw new AppError('weak_password');
  const after = await ctx.db
    .updateTable('users')
    .set({
      display_name: patch.displayName ?? before.display_name,
      roles: roles.join(','),
      station_id: stationId,
      disabled: patch.disabled === undefined ? before.disabled : patch.disabled ? 1 : 0,
      password_hash: patch.password ? await hashPassword(patch.password) : before.password_hash,
      failed_logins: patch.password ? 0 : before.failed_logins,
      locked_until: patch.password ? null : before.locked_until,
      version: before.version + 1,
      updated_at: ctx.clock.now(),
    })
    .where('id', '=', id)
    .where('version', '=', patch.version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new AppError('version_conflict');
  forgetUserSessions(id);
  if (after.disabled || patch.password) await endAllSessions(ctx.db, id);
  if (roles.includes('technician')) await ensureHolding(ctx, id, after.display_name);
  await audit(ctx, 'update', 'user', id, userView(before), userView(after));
  return userView(after);
}
