// The technician phone's outbox (R-SVC-12): every change made on the phone is queued here first
// (method, url, body, an Idempotency-Key made once, created time, the version it was made on),
// shown optimistically, and sent in order when the phone is online. A change the server refuses
// because the record moved on (409 stale_version / version_conflict / report_locked /
// invalid_transition) becomes a conflict the technician settles: keep mine (re-applied on the
// server's new version) or discard mine. Pure functions over an array, so the rules are tested
// without a browser; OutboxStore keeps the array in localStorage.

export type EntryKind = 'transition' | 'report' | 'photo' | 'submit' | 'sign';
export type EntryState = 'pending' | 'conflict' | 'failed';

export interface EntryError {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface OutboxEntry {
  id: string;
  seq: number;
  kind: EntryKind;
  workOrderId: number;
  method: 'POST' | 'PUT' | 'PATCH';
  /** API path without /api/v1, e.g. /work-orders/12/transition. */
  url: string;
  body: Record<string, unknown>;
  /** Made once when queued; a retry of the same request sends the same key. */
  idempotencyKey: string;
  createdAt: number;
  /** The versioned record the change was made on ('wo:12', 'report:12'), or null. */
  resource: string | null;
  /** The version of that record the change was made against (sent as body.version). */
  baseVersion: number | null;
  /** Times it was sent (a sent entry's body is never changed: its key may be stored). */
  attempts: number;
  state: EntryState;
  error?: EntryError;
  /** The server's record when the conflict was found (shown beside mine). */
  server?: unknown;
}

export type NewEntry = Pick<OutboxEntry, 'kind' | 'workOrderId' | 'method' | 'url' | 'body' | 'resource' | 'baseVersion'>;

/** Codes that mean "the record moved on since you read it": the technician decides. */
export const CONFLICT_CODES = ['stale_version', 'version_conflict', 'report_locked', 'invalid_transition', 'idempotency_key_reused'];

export type Outcome = 'conflict' | 'failed' | 'retry';

/** What a failed send means: try again later (no answer, busy server), a conflict, or a refusal. */
export function classify(status: number, code: string): Outcome {
  // 401: the session ended — after logging in again the same change goes out as it is.
  if (status === 0 || status >= 500 || status === 408 || status === 429 || status === 401) return 'retry';
  if (status === 409 && CONFLICT_CODES.includes(code)) return 'conflict';
  return 'failed';
}

const sorted = (list: OutboxEntry[]) => [...list].sort((a, b) => a.seq - b.seq);

/**
 * Queues a change. Report edits made while an earlier edit of the same report is still unsent
 * and last in that work order's line are merged into it (typing makes one request, not fifty).
 */
export function enqueue(list: OutboxEntry[], input: NewEntry, now: number, newKey: () => string): OutboxEntry[] {
  const mine = sorted(list).filter((e) => e.workOrderId === input.workOrderId);
  const last = mine.at(-1);
  if (input.kind === 'report' && last && last.kind === 'report' && last.state === 'pending' && last.attempts === 0) {
    const merged: OutboxEntry = { ...last, body: { ...last.body, ...input.body, version: last.body.version } };
    return list.map((e) => (e.id === last.id ? merged : e));
  }
  const seq = list.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
  const key = newKey();
  const body = input.baseVersion === null ? input.body : { ...input.body, version: input.baseVersion };
  return [...list, { ...input, body, id: key, seq, idempotencyKey: key, createdAt: now, attempts: 0, state: 'pending' }];
}

/**
 * The next entry to send: the oldest pending one whose work order has no earlier entry stuck in a
 * conflict or refusal (later steps of that job wait until the technician settles it).
 */
export function nextToSend(list: OutboxEntry[]): OutboxEntry | undefined {
  const blocked = new Set<number>();
  for (const e of sorted(list)) {
    if (e.state !== 'pending') blocked.add(e.workOrderId);
    else if (!blocked.has(e.workOrderId)) return e;
  }
  return undefined;
}

/** Shifts the versions of the entries queued after `after` on the same record by delta. */
function rebase(list: OutboxEntry[], after: OutboxEntry, delta: number): OutboxEntry[] {
  if (!after.resource || delta === 0) return list;
  return list.map((e) =>
    e.seq > after.seq && e.resource === after.resource && e.baseVersion !== null && e.attempts === 0
      ? { ...e, baseVersion: e.baseVersion + delta, body: { ...e.body, version: e.baseVersion + delta } }
      : e,
  );
}

/**
 * A change the server took: it leaves the outbox, and changes queued after it on the same record
 * (made on the version it was expected to produce, base + 1) move to the version it really made.
 */
export function succeeded(list: OutboxEntry[], id: string, newVersion: number | null | undefined): OutboxEntry[] {
  const e = list.find((x) => x.id === id);
  if (!e) return list;
  const rest = list.filter((x) => x.id !== id);
  if (e.baseVersion === null || typeof newVersion !== 'number') return rest;
  return rebase(rest, e, newVersion - (e.baseVersion + 1));
}

export function markSent(list: OutboxEntry[], id: string): OutboxEntry[] {
  return list.map((e) => (e.id === id ? { ...e, attempts: e.attempts + 1 } : e));
}

export function markConflict(list: OutboxEntry[], id: string, error: EntryError, server: unknown): OutboxEntry[] {
  return list.map((e) => (e.id === id ? { ...e, state: 'conflict', error, server } : e));
}

export function markFailed(list: OutboxEntry[], id: string, error: EntryError): OutboxEntry[] {
  return list.map((e) => (e.id === id ? { ...e, state: 'failed', error } : e));
}

/**
 * Keep mine: the same change again on the server's current version. It is a new request (its body
 * changed), so it gets a new Idempotency-Key; changes queued after it on that record follow.
 */
export function keepMine(list: OutboxEntry[], id: string, serverVersion: number | null, newKey: () => string): OutboxEntry[] {
  const e = list.find((x) => x.id === id);
  if (!e) return list;
  const base = e.baseVersion === null || serverVersion === null ? e.baseVersion : serverVersion;
  const again: OutboxEntry = { ...e, state: 'pending', error: undefined, server: undefined, attempts: 0, idempotencyKey: newKey(), baseVersion: base, body: base === null ? e.body : { ...e.body, version: base } };
  const out = list.map((x) => (x.id === id ? again : x));
  return e.baseVersion === null || base === null ? out : rebase(out, e, base - e.baseVersion);
}

/** Retry a refused change as it is (e.g. after the missing parts arrived in the holding). */
export function retry(list: OutboxEntry[], id: string): OutboxEntry[] {
  return list.map((e) => (e.id === id ? { ...e, state: 'pending', error: undefined, server: undefined } : e));
}

export function discard(list: OutboxEntry[], id: string): OutboxEntry[] {
  return list.filter((e) => e.id !== id);
}

function sameValue(mine: unknown, theirs: unknown): boolean {
  if (mine === theirs) return true;
  if (mine === null || theirs === null || mine === undefined || theirs === undefined) return (mine ?? null) === (theirs ?? null);
  const decimal = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));
  // Quantities: "2" and "2.000" (or 2) are the same amount.
  if (decimal(mine) && decimal(theirs)) return Number(mine) === Number(theirs);
  if (Array.isArray(mine) && Array.isArray(theirs)) return mine.length === theirs.length && mine.every((m, i) => sameValue(m, theirs[i]));
  if (typeof mine === 'object' && typeof theirs === 'object') return Object.keys(mine as object).every((k) => sameValue((mine as Record<string, unknown>)[k], (theirs as Record<string, unknown>)[k]));
  return false;
}

/**
 * Whether the server already shows this change (its answer was lost on the way back and the retry
 * was refused): then it is done, not a conflict.
 */
export function alreadyApplied(e: OutboxEntry, server: unknown): boolean {
  if (!server || typeof server !== 'object') return false;
  const s = server as Record<string, unknown>;
  switch (e.kind) {
    case 'transition':
      return s.status === e.body.to;
    case 'report': {
      const { version: _v, ...fields } = e.body;
      return s.status === 'draft' && sameValue(fields, s);
    }
    case 'submit':
      return s.status === 'submitted' || s.status === 'signed';
    case 'sign':
      return s.status === 'signed' && s.signerName === e.body.signerName;
    default:
      return false;
  }
}

/** Entries that still change the local view (queued or being retried; conflicts show the server's). */
export const live = (list: OutboxEntry[], workOrderId?: number) => sorted(list).filter((e) => e.state === 'pending' && (workOrderId === undefined || e.workOrderId === workOrderId));

/** The work order as the phone shows it: the server's, with the queued moves applied. */
export function projectWorkOrder<W extends { id: number; status: string; version: number }>(wo: W, list: OutboxEntry[]): W & { pending: number } {
  let out: W = wo;
  const mine = live(list, wo.id);
  for (const e of mine) {
    // A change made on a version older than the record's is on its way (its answer not back yet):
    // it shows, but the record's version already counts it.
    const bump = e.kind === 'transition' && e.baseVersion !== null && e.baseVersion < out.version ? 0 : 1;
    if (e.kind === 'transition') out = { ...out, status: String(e.body.to), version: out.version + bump };
    else if (e.kind === 'submit' && out.status === 'on_site') out = { ...out, status: 'resolved', version: out.version + 1 };
    else if (e.kind === 'sign' && out.status === 'resolved') out = { ...out, status: 'signed', version: out.version + 1 };
  }
  return { ...out, pending: mine.length };
}

export interface PendingPhoto {
  id: string;
  caption: string | null;
  url: string;
  pending: true;
}

/** The report as the phone shows it: the server's, with queued edits, photos, submit and sign. */
export function projectReport<R extends { status: string; version: number; photos: unknown[] }>(report: R, list: OutboxEntry[], workOrderId: number): R {
  let out: R = report;
  for (const e of live(list, workOrderId)) {
    const bump = e.baseVersion !== null && e.baseVersion < out.version ? 0 : 1;
    if (e.kind === 'report') {
      const { version: _v, ...fields } = e.body;
      out = { ...out, ...fields, version: out.version + bump };
    } else if (e.kind === 'photo') {
      const p: PendingPhoto = { id: e.id, caption: (e.body.caption as string | null | undefined) ?? null, url: String(e.body.dataUrl), pending: true };
      out = { ...out, photos: [...out.photos, p] };
    } else if (e.kind === 'submit') out = { ...out, status: 'submitted', version: out.version + bump };
    else if (e.kind === 'sign') out = { ...out, status: 'signed', signerName: e.body.signerName, version: out.version + bump };
  }
  return out;
}

// ── sending ──

export type SendResult = { ok: true; data: unknown } | { ok: false; error: EntryError };

export interface SyncDeps {
  load(): OutboxEntry[];
  save(list: OutboxEntry[]): void;
  send(e: OutboxEntry): Promise<SendResult>;
  /** The server's current record the entry changes (work order or report), for conflicts. */
  current(e: OutboxEntry): Promise<unknown>;
  /** Told about each change the server took, with its answer (to refresh caches). */
  applied?(e: OutboxEntry, data: unknown): void;
}

const versionIn = (data: unknown): number | null => (data && typeof data === 'object' && typeof (data as { version?: unknown }).version === 'number' ? (data as { version: number }).version : null);

/**
 * Sends queued changes in order until the queue is empty, the network fails (returns 'offline':
 * try again later) or only settled-by-hand entries remain. Reads and writes the queue around every
 * request, so changes queued meanwhile are picked up in order.
 */
export async function syncOnce(deps: SyncDeps): Promise<'done' | 'offline'> {
  for (;;) {
    const e = nextToSend(deps.load());
    if (!e) return 'done';
    deps.save(markSent(deps.load(), e.id));
    const r = await deps.send(e);
    if (r.ok) {
      // The cache first, then the queue: the view never shows the old record without the change.
      deps.applied?.(e, r.data);
      deps.save(succeeded(deps.load(), e.id, versionIn(r.data)));
      continue;
    }
    const outcome = classify(r.error.status, r.error.code);
    if (outcome === 'retry') return 'offline';
    let server: unknown = null;
    try {
      server = await deps.current(e);
    } catch {
      server = null;
    }
    if (outcome === 'conflict' && alreadyApplied(e, server)) {
      deps.applied?.(e, server);
      deps.save(succeeded(deps.load(), e.id, versionIn(server)));
      continue;
    }
    deps.save(outcome === 'conflict' ? markConflict(deps.load(), e.id, r.error, server) : markFailed(deps.load(), e.id, r.error));
  }
}

// ── keeping it ──

export interface KeyValue {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
}

/** The queue of one user in localStorage, with change listeners (the banner and cards). */
export class OutboxStore {
  private listeners = new Set<() => void>();
  private cache: OutboxEntry[] | null = null;
  constructor(
    private readonly kv: KeyValue,
    private readonly key: string,
  ) {}
  load(): OutboxEntry[] {
    if (this.cache) return this.cache;
    try {
      const raw = this.kv.getItem(this.key);
      this.cache = raw ? (JSON.parse(raw) as OutboxEntry[]) : [];
    } catch {
      this.cache = [];
    }
    return this.cache;
  }
  save(list: OutboxEntry[]): void {
    this.cache = list;
    // Quota errors propagate: the caller tells the technician the change was not kept.
    this.kv.setItem(this.key, JSON.stringify(list));
    for (const l of this.listeners) l();
  }
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
