import type { Generated, Selectable } from 'kysely';
export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  display_name: string;
  roles: string; // comma-separated role names
  station_id: number | null;
  disabled: number;
  failed_logins: number;
  locked_until: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}
export type UsersRow = Selectable<UsersTable>;
export interface SessionsTable {
  id: string; // sha256 of the token: a leaked database does not leak live tokens
  user_id: number;
  created_at: number;
  expires_at: number;
}
export type SessionsRow = Selectable<SessionsTable>;
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before: string | null;
  after: string | null;
}
export type AuditLogRow = Selectable<AuditLogTable>;
export interface IdempotencyKeysTable {
  id: Generated<number>;
  user_id: number;
  key: string;
  route: string;
  body_hash: string;
  status_code: number;
  response: string;
  created_at: number;
}
export type IdempotencyKeysRow = Selectable<IdempotencyKeysTable>;
export interface AuthTables {
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
}
