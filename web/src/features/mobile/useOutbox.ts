// The outbox in React: one queue per user in localStorage, sent in order when the phone is
// online (the 'online' event, right after a change is queued, and a retry timer), the server's
// answers written into the read cache so the view never jumps back.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { newIdempotencyKey } from '../../api/client';
import { currentOf, putCache, sendEntry, type Job, type Report, type WorkOrder } from './api';
import * as O from './outbox';

const RETRY_MS = 10_000;

const stores = new Map<number, O.OutboxStore>();
export function outboxFor(userId: number): O.OutboxStore {
  let s = stores.get(userId);
  if (!s) {
    s = new O.OutboxStore(localStorage, `aftersales.m.outbox.${userId}`);
    stores.set(userId, s);
  }
  return s;
}

// ── connection state: the browser's flag, corrected by what requests actually do ──
let reachable = typeof navigator === 'undefined' ? true : navigator.onLine;
const netListeners = new Set<() => void>();
function setReachable(v: boolean) {
  if (v === reachable) return;
  reachable = v;
  for (const l of netListeners) l();
}
let browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine;
function setBrowserOnline(v: boolean) {
  if (v === browserOnline) return;
  browserOnline = v;
  if (v) reachable = true; // worth trying again
  for (const l of netListeners) l();
}
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => setBrowserOnline(true));
  window.addEventListener('offline', () => setBrowserOnline(false));
  // Not every browser fires the events reliably (emulated offline, some WebViews): look as well.
  window.setInterval(() => setBrowserOnline(navigator.onLine), 1000);
}
export function useOnline(): boolean {
  return useSyncExternalStore(
    (fn) => {
      netListeners.add(fn);
      return () => netListeners.delete(fn);
    },
    () => reachable && browserOnline,
  );
}

/** Runs fn whenever the browser comes back online (event or noticed by the check above). */
function onBackOnline(fn: () => void): () => void {
  let was = browserOnline;
  const l = () => {
    if (browserOnline && !was) fn();
    was = browserOnline;
  };
  netListeners.add(l);
  return () => netListeners.delete(l);
}

function writeJob(qc: QueryClient, userId: number, id: number, patch: (w: WorkOrder) => WorkOrder) {
  const key = ['m', `jobs:${userId}`];
  const jobs = qc.getQueryData<Job[]>(key);
  if (!jobs) return;
  const next = jobs.map((j) => (j.wo.id === id ? { ...j, wo: patch(j.wo) } : j));
  qc.setQueryData(key, next);
  putCache(`jobs:${userId}`, next);
}

function writeReport(qc: QueryClient, id: number, report: Report) {
  qc.setQueryData(['m', `report:${id}`], report);
  putCache(`report:${id}`, report);
}

/** Writes what the server answered into the read cache (before the entry leaves the queue). */
function applyAnswer(qc: QueryClient, userId: number, e: O.OutboxEntry, data: unknown) {
  if (!data || typeof data !== 'object') return;
  if (e.kind === 'transition' && 'status' in data && 'number' in data) {
    writeJob(qc, userId, e.workOrderId, (w) => ({ ...w, ...(data as WorkOrder) }));
  } else if (e.kind === 'photo') {
    const r = qc.getQueryData<Report>(['m', `report:${e.workOrderId}`]);
    if (r) writeReport(qc, e.workOrderId, { ...r, photos: [...r.photos.filter((p) => p.id !== (data as { id: number }).id), data as Report['photos'][number]] });
  } else if ('workOrderId' in data && 'findings' in data) {
    writeReport(qc, e.workOrderId, data as Report);
    // Submitting resolves the work order and signing signs it (one step each on the server).
    if (e.kind === 'submit') writeJob(qc, userId, e.workOrderId, (w) => (w.status === 'on_site' ? { ...w, status: 'resolved', version: w.version + 1 } : w));
    if (e.kind === 'sign') writeJob(qc, userId, e.workOrderId, (w) => (w.status === 'resolved' ? { ...w, status: 'signed', version: w.version + 1 } : w));
  }
}

const running = new Map<number, Promise<void>>();

/** Sends what is queued; one run at a time per user. */
export function syncNow(qc: QueryClient, userId: number): Promise<void> {
  const busy = running.get(userId);
  if (busy) return busy;
  const store = outboxFor(userId);
  let applied = 0;
  const run = O.syncOnce({
    load: () => store.load(),
    save: (l) => store.save(l),
    send: async (e) => {
      const r = await sendEntry(e);
      // The session ended: the shell shows the login page; the queue waits for the same user.
      if (!r.ok && r.error.status === 401) qc.setQueryData(['me'], null);
      return r;
    },
    current: currentOf,
    applied: (e, data) => {
      applied++;
      applyAnswer(qc, userId, e, data);
    },
  })
    .then((r) => {
      setReachable(r !== 'offline');
      if (applied > 0) {
        // Re-read what the server now says (consumption changes the holding, submit the job).
        void qc.invalidateQueries({ queryKey: ['m'] });
      }
    })
    .finally(() => running.delete(userId));
  running.set(userId, run);
  return run;
}

export function useOutbox(userId: number) {
  const qc = useQueryClient();
  const store = outboxFor(userId);
  const entries = useSyncExternalStore(
    (fn) => store.subscribe(fn),
    () => store.load(),
  );
  const online = useOnline();
  const sync = useCallback(() => syncNow(qc, userId), [qc, userId]);

  useEffect(() => {
    const off = onBackOnline(() => void sync());
    if (navigator.onLine) void sync();
    const timer = window.setInterval(() => {
      // While the browser knows it is offline nothing is tried (an unsent edit can still take more typing).
      if (navigator.onLine && O.nextToSend(store.load())) void sync();
    }, RETRY_MS);
    return () => {
      off();
      window.clearInterval(timer);
    };
  }, [sync, store]);

  const queue = useCallback(
    (e: O.NewEntry) => {
      store.save(O.enqueue(store.load(), e, Date.now(), newIdempotencyKey));
      if (navigator.onLine) void sync();
    },
    [store, sync],
  );
  const keepMine = useCallback(
    (id: string) => {
      const e = store.load().find((x) => x.id === id);
      const v = e?.server && typeof e.server === 'object' && typeof (e.server as { version?: unknown }).version === 'number' ? (e.server as { version: number }).version : null;
      store.save(O.keepMine(store.load(), id, v, newIdempotencyKey));
      // The server's record is the base now.
      if (e?.server && e.resource?.startsWith('report:')) writeReport(qc, e.workOrderId, e.server as Report);
      if (e?.server && e.resource?.startsWith('wo:')) writeJob(qc, userId, e.workOrderId, (w) => ({ ...w, ...(e.server as WorkOrder) }));
      void sync();
    },
    [store, sync, qc, userId],
  );
  const discard = useCallback(
    (id: string) => {
      const e = store.load().find((x) => x.id === id);
      store.save(O.discard(store.load(), id));
      if (e?.server && e.resource?.startsWith('report:')) writeReport(qc, e.workOrderId, e.server as Report);
      if (e?.server && e.resource?.startsWith('wo:')) writeJob(qc, userId, e.workOrderId, (w) => ({ ...w, ...(e.server as WorkOrder) }));
      void qc.invalidateQueries({ queryKey: ['m'] });
      void sync();
    },
    [store, sync, qc, userId],
  );
  const retry = useCallback(
    (id: string) => {
      store.save(O.retry(store.load(), id));
      void sync();
    },
    [store, sync],
  );
  return { entries, online, queue, keepMine, discard, retry, sync };
}
