import type { Insertable } from 'kysely';
import type { Ctx } from '../../db.js';
import { prepared } from '../../platform/db/prepared.js';
import type { AuditLogTable } from './tables.js';

const insertAudit = prepared((db, row: Insertable<AuditLogTable>) => db.insertInto('audit_log').values(row));

/** Records a mutation (R-PLT-1): who, when, what, before and after, in the caller's transaction. */
export async function audit(ctx: Ctx, action: string, entity: string, entityId: number | null, before: unknown, after: unknown): Promise<void> {
  await insertAudit(ctx.db, { ...auditRow(ctx, action, entity, before, after), entity_id: entityId });
}

/** One audit record per entity of a mutation that changed many at once, in one statement. */
export async function auditEach(ctx: Ctx, action: string, entity: string, items: readonly { id: number; before: unknown; after: unknown }[]): Promise<void> {
  if (items.length === 0) return;
  await ctx.db
    .insertInto('audit_log')
    .values(items.map((i) => ({ ...auditRow(ctx, action, entity, i.before, i.after), entity_id: i.id })))
    .execute();
}

/** The audit record of a mutation, but for the entity's id (for statements that insert both). */
export function auditRow(ctx: Ctx, action: string, entity: string, before: unknown, after: unknown): Omit<Insertable<AuditLogTable>, 'entity_id'> {
  return {
    at: ctx.clock.now(),
    actor_id: ctx.actor.id || null,
    action,
    entity,
    before: before === undefined || before === null ? null : JSON.stringify(before),
    after: after === undefined || after === null ? null : JSON.stringify(after),
  };
}
