// The work-order life cycle as data (R-SVC-4): which state may go to which, and who may move it.
import type { Role } from '../../db.js';
import type { SlaTarget, WorkOrderStatus } from './tables.js';

export const WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts', 'resolved', 'signed', 'closed', 'cancelled'];
export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts'];

export interface TransitionRule {
  from: readonly WorkOrderStatus[];
  to: WorkOrderStatus;
  /** The event recorded: a plain transition, or a reopen that restarts the SLA clock. */
  action: 'transition' | 'reopen';
  roles: readonly Role[];
}

const DISPATCH: readonly Role[] = ['admin', 'service_manager', 'dispatcher'];
const FIELD: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician'];
const WORK: readonly Role[] = ['admin', 'service_manager', 'technician'];

export const TRANSITIONS: readonly TransitionRule[] = [
  { from: ['new'], to: 'dispatched', action: 'transition', roles: DISPATCH },
  { from: ['dispatched'], to: 'accepted', action: 'transition', roles: FIELD },
  { from: ['accepted'], to: 'en_route', action: 'transition', roles: FIELD },
  { from: ['en_route', 'waiting_parts'], to: 'on_site', action: 'transition', roles: FIELD },
  { from: ['on_site'], to: 'waiting_parts', action: 'transition', roles: FIELD },
  { from: ['on_site'], to: 'resolved', action: 'transition', roles: WORK },
  { from: ['resolved'], to: 'signed', action: 'transition', roles: WORK },
  { from: ['signed'], to: 'closed', action: 'transition', roles: DISPATCH },
  { from: OPEN_STATUSES, to: 'cancelled', action: 'transition', roles: DISPATCH },
  { from: ['resolved', 'signed', 'closed', 'cancelled'], to: 'new', action: 'reopen', roles: DISPATCH },
];

export type TransitionCheck = { ok: true; rule: TransitionRule } | { ok: false; code: 'invalid_transition' | 'transition_not_allowed_for_role' };

/** Looks the move up in the table: unknown moves are a conflict, known ones need a listed role. */
export function checkTransition(from: WorkOrderStatus, to: WorkOrderStatus, roles: readonly Role[]): TransitionCheck {
  const rule = TRANSITIONS.find((r) => r.to === to && r.from.includes(from));
  if (!rule) return { ok: false, code: 'invalid_transition' };
  if (!roles.some((r) => rule.roles.includes(r))) return { ok: false, code: 'transition_not_allowed_for_role' };
  return { ok: true, rule };
}

/** A technician without a dispatching role acts only on work orders assigned to them. */
export function actsAsTechnicianOnly(roles: readonly Role[]): boolean {
  return roles.includes('technician') && !roles.some((r) => r === 'admin' || r === 'service_manager' || r === 'dispatcher');
}

/** The SLA target a state reaches: accepting is the first response, on site the arrival. */
export function milestoneOf(to: WorkOrderStatus): SlaTarget | null {
  if (to === 'accepted') return 'response';
  if (to === 'on_site') return 'arrival';
  if (to === 'resolved') return 'resolution';
  return null;
}
