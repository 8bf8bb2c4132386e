// Notifications (issue #4 point 3): when a receipt or a transfer received at a station brings in a
// part that a work order waiting for parts is short of, its lead technician and the dispatchers
// are told (parts arriving at a station: only that station's work orders). Each user reads their own,
// unread first. Messages are worded at read time in the reader's language.
import type { Ctx } from '../../db.js';
import type { Lang } from '../../platform/errors.js';
import { AppError } from '../../platform/errors.js';
import { isoInZone } from '../../platform/clock.js';
import { fromMilli } from '../../platform/numbers.js';
import { decodeCursor, toPage } from '../../platform/http/paging.js';
import { audit } from '../auth/audit.js';
import { onPartsArrived, type Arrival } from '../inventory/arrivals.js';
import type { NotificationsRow } from './extras-tables.js';
import './extras-errors.js';

interface PartsArrivedData {
  workOrderNumber: string;
  receiptNumber: string;
  parts: { partId: number; code: string; name: string; qty: number }[];
}

const TEXT: Record<Lang, (d: PartsArrivedData) => string> = {
  'zh-CN': (d) => `工单 ${d.workOrderNumber} 所缺配件已到货（入库单 ${d.receiptNumber}）：${d.parts.map((p) => `${p.name} ×${p.qty}`).join('、')}`,
  'zh-TW': (d) => `工單 ${d.workOrderNumber} 所缺配件已到貨（入庫單 ${d.receiptNumber}）：${d.parts.map((p) => `${p.name} ×${p.qty}`).join('、')}`,
  en: (d) => `Parts for work order ${d.workOrderNumber} have arrived (receipt ${d.receiptNumber}): ${d.parts.map((p) => `${p.code} ×${p.qty}`).join(', ')}`,
};

export function notificationView(ctx: Pick<Ctx, 'timeZone' | 'lang'>, n: NotificationsRow) {
  const data = JSON.parse(n.data) as PartsArrivedData;
  return { id: n.id, kind: n.kind, workOrderId: n.work_order_id, message: TEXT[ctx.lang](data), data: data as unknown as Record<string, unknown>, read: n.read_at !== null, readAt: n.read_at === null ? null : isoInZone(n.read_at, ctx.timeZone), createdAt: isoInZone(n.created_at, ctx.timeZone) };
}

/**
 * Told by the ledger of every arrival, in the posting's transaction (inventory/arrivals.ts): for
 * each work order waiting for parts with an open shortage line of an arrived part, one
 * notification to its lead technician and one to each dispatcher. Returns how many were written.
 */
export async function notifyPartsArrived(ctx: Ctx, receipt: Arrival): Promise<number> {
  const partIds = [...new Set(receipt.lines.map((l) => l.partId))];
  if (partIds.length === 0) return 0;
  const waiting = await ctx.db
    .selectFrom('shortages as s')
    .innerJoin('work_orders as w', 'w.id', 's.work_order_id')
    .innerJoin('parts as p', 'p.id', 's.part_id')
    .select(['w.id as work_order_id', 'w.number', 'w.lead_technician_id', 's.part_id', 'p.code', 'p.name'])
    .where('s.source', '=', 'work_order')
    .where('s.status', '=', 'open')
    .where('w.status', '=', 'waiting_parts')
    .where('s.part_id', 'in', partIds)
    .$if(receipt.stationId !== null, (q) => q.where('w.station_id', '=', receipt.stationId))
    .orderBy('w.id')
    .execute();
  if (waiting.length === 0) return 0;
  const received = new Map<number, number>();
  for (const l of receipt.lines) received.set(l.partId, (received.get(l.partId) ?? 0) + l.qty);
  const dispatchers = (await ctx.db.selectFrom('users').select(['id', 'roles']).where('disabled', '=', 0).execute()).filter((u) => u.roles.split(',').includes('dispatcher')).map((u) => u.id);
  const byOrder = new Map<number, { lead: number | null; data: PartsArrivedData }>();
  for (const w of waiting) {
    const o = byOrder.get(w.work_order_id) ?? { lead: w.lead_technician_id, data: { workOrderNumber: w.number, receiptNumber: receipt.number, parts: [] } };
    if (!o.data.parts.some((p) => p.partId === w.part_id)) o.data.parts.push({ partId: w.part_id!, code: w.code, name: w.name, qty: fromMilli(received.get(w.part_id!) ?? 0) });
    byOrder.set(w.work_order_id, o);
  }
  const now = ctx.clock.now();
  const rows = [];
  for (const [workOrderId, o] of byOrder) {
    const users = new Set([...(o.lead !== null ? [o.lead] : []), ...dispatchers]);
    for (const userId of users) rows.push({ user_id: userId, kind: 'parts_arrived' as const, work_order_id: workOrderId, data: JSON.stringify(o.data), read_at: null, created_at: now });
  }
  if (rows.length === 0) return 0;
  await ctx.db.insertInto('notifications').values(rows).execute();
  await audit(ctx, 'notify', 'notification', null, null, { kind: 'parts_arrived', receipt: receipt.number, workOrders: [...byOrder.keys()], recipients: rows.length });
  return rows.length;
}

/** The actor's own notifications, unread first, newest first within each. */
export async function listNotifications(ctx: Ctx, query: { unread?: boolean; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor, 'nn');
  let q = ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', ctx.actor.id);
  if (query.unread) q = q.where('read_at', 'is', null);
  // Sort key: unread (0) before read (1), then id descending.
  const readKey = (r: NotificationsRow) => (r.read_at === null ? 0 : 1);
  if (after) {
    const [k, id] = after as [number, number];
    q = q.where((eb) => (k === 0 ? eb.or([eb('read_at', 'is not', null), eb.and([eb('read_at', 'is', null), eb('id', '<', id)])]) : eb.and([eb('read_at', 'is not', null), eb('id', '<', id)])));
  }
  const rows = await q
    .orderBy((eb) => eb.case().when('read_at', 'is', null).then(0).else(1).end())
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = toPage(rows, query.limit, (n) => notificationView(ctx, n), (n) => [readKey(n), n.id]);
  const unread = await ctx.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', ctx.actor.id).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return { ...page, unread: Number(unread.n) };
}

/** Marks one of the actor's notifications read (another user's is not found). */
export async function markNotificationRead(ctx: Ctx, id: number) {
  const n = await ctx.db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', ctx.actor.id).executeTakeFirst();
  if (!n) throw new AppError('unknown_notification', { notificationId: id });
  if (n.read_at !== null) return notificationView(ctx, n);
  const after = await ctx.db.updateTable('notifications').set({ read_at: ctx.clock.now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  await audit(ctx, 'read', 'notification', id, null, { readAt: after.read_at });
  return notificationView(ctx, after);
}

onPartsArrived(notifyPartsArrived);
