// The technician phone's outbox (web/src/features/mobile/outbox.ts): changes queue in order with
// one Idempotency-Key each, report typing coalesces, later changes follow the versions the server
// really made, a conflict stops only its own job, "keep mine" re-applies on the server's version,
// a lost answer is not mistaken for a conflict, and the view shows the queued changes.
import { describe, expect, it } from 'vitest';
import * as O from '../../web/src/features/mobile/outbox.js';

let n = 0;
const key = () => `k${++n}`;
const T0 = 1_700_000_000_000;

const move = (wo: number, to: string, v: number): O.NewEntry => ({ kind: 'transition', workOrderId: wo, method: 'POST', url: `/work-orders/${wo}/transition`, body: { to }, resource: `wo:${wo}`, baseVersion: v });
const edit = (wo: number, body: Record<string, unknown>, v: number): O.NewEntry => ({ kind: 'report', workOrderId: wo, method: 'PUT', url: `/work-orders/${wo}/report`, body, resource: `report:${wo}`, baseVersion: v });
const submit = (wo: number, v: number): O.NewEntry => ({ kind: 'submit', workOrderId: wo, method: 'POST', url: `/work-orders/${wo}/report/submit`, body: {}, resource: `report:${wo}`, baseVersion: v });

function queue(...entries: O.NewEntry[]): O.OutboxEntry[] {
  return entries.reduce<O.OutboxEntry[]>((l, e, i) => O.enqueue(l, e, T0 + i, key), []);
}

describe('enqueue', () => {
  it('keeps order, the version it was made on and a key made once', () => {
    const l = queue(move(1, 'accepted', 3), move(1, 'en_route', 4), move(2, 'accepted', 7));
    expect(l.map((e) => [e.seq, e.body.to, e.body.version])).toEqual([
      [1, 'accepted', 3],
      [2, 'en_route', 4],
      [3, 'accepted', 7],
    ]);
    expect(new Set(l.map((e) => e.idempotencyKey)).size).toBe(3);
    expect(l[0]).toMatchObject({ method: 'POST', url: '/work-orders/1/transition', createdAt: T0, baseVersion: 3, state: 'pending', attempts: 0 });
    expect(l[0].id).toBe(l[0].idempotencyKey);
  });

  it('merges report typing into the unsent last edit of that job', () => {
    let l = queue(edit(1, { cause: 'a' }, 0));
    const k = l[0].idempotencyKey;
    l = O.enqueue(l, edit(1, { cause: 'ab', actions: 'x' }, 1), T0 + 5, key);
    expect(l).toHaveLength(1);
    expect(l[0].body).toEqual({ cause: 'ab', actions: 'x', version: 0 });
    expect(l[0].idempotencyKey).toBe(k);
  });

  it('does not merge into an edit already sent (its key may be stored) or past a later step', () => {
    let l = queue(edit(1, { cause: 'a' }, 0));
    l = O.markSent(l, l[0].id);
    l = O.enqueue(l, edit(1, { cause: 'ab' }, 1), T0, key);
    expect(l).toHaveLength(2);
    expect(l[0].body).toEqual({ cause: 'a', version: 0 });
    l = O.enqueue(l, submit(1, 2), T0, key);
    l = O.enqueue(l, edit(1, { cause: 'abc' }, 3), T0, key);
    expect(l.map((e) => e.kind)).toEqual(['report', 'report', 'submit', 'report']);
  });
});

describe('order and blocking', () => {
  it('a conflict holds back its own job only', () => {
    let l = queue(move(1, 'accepted', 3), move(2, 'accepted', 7), move(1, 'en_route', 4), move(2, 'en_route', 8));
    expect(O.nextToSend(l)?.body).toMatchObject({ to: 'accepted', version: 3 });
    l = O.markConflict(l, l[0].id, { status: 409, code: 'version_conflict', message: 'x' }, { status: 'cancelled', version: 5 });
    const next = O.nextToSend(l)!;
    expect([next.workOrderId, next.body.to]).toEqual([2, 'accepted']);
    l = O.succeeded(l, next.id, 8);
    expect(O.nextToSend(l)).toMatchObject({ workOrderId: 2, body: { to: 'en_route' } });
    l = O.succeeded(l, O.nextToSend(l)!.id, 9);
    expect(O.nextToSend(l)).toBeUndefined();
    l = O.discard(l, l.find((e) => e.state === 'conflict')!.id);
    expect(O.nextToSend(l)).toMatchObject({ workOrderId: 1, body: { to: 'en_route' } });
  });

  it('classifies answers: no answer or a busy server is retried, moved-on records are conflicts', () => {
    expect(O.classify(0, 'network')).toBe('retry');
    expect(O.classify(503, 'http_error')).toBe('retry');
    expect(O.classify(401, 'unauthenticated')).toBe('retry');
    expect(O.classify(409, 'stale_version')).toBe('conflict');
    expect(O.classify(409, 'version_conflict')).toBe('conflict');
    expect(O.classify(409, 'report_locked')).toBe('conflict');
    expect(O.classify(409, 'insufficient_holding')).toBe('failed');
    expect(O.classify(400, 'validation_failed')).toBe('failed');
  });
});

describe('versions', () => {
  it('later changes on the same record follow the version the server really made', () => {
    let l = queue(edit(1, { cause: 'a' }, 0), move(1, 'on_site', 5), submit(1, 1));
    // The server answered the first save with version 3 (not the 1 the phone expected).
    l = O.succeeded(l, l[0].id, 3);
    expect(l.find((e) => e.kind === 'submit')!.body.version).toBe(3);
    expect(l.find((e) => e.kind === 'transition')!.body.version).toBe(5); // another record: untouched
  });

  it('keep mine re-applies on the server version with a new key, and its followers move along', () => {
    let l = queue(edit(1, { cause: 'mine' }, 2), submit(1, 3));
    const first = l[0];
    l = O.markSent(l, first.id);
    l = O.markConflict(l, first.id, { status: 409, code: 'stale_version', message: 'changed' }, { status: 'draft', cause: 'theirs', version: 4 });
    expect(O.nextToSend(l)).toBeUndefined();
    l = O.keepMine(l, first.id, 4, key);
    const again = l.find((e) => e.id === first.id)!;
    expect(again).toMatchObject({ state: 'pending', attempts: 0, baseVersion: 4, body: { cause: 'mine', version: 4 } });
    expect(again.idempotencyKey).not.toBe(first.idempotencyKey);
    expect(again.server).toBeUndefined();
    expect(l.find((e) => e.kind === 'submit')!.body.version).toBe(5);
  });

  it('retry leaves the body and the key as they were', () => {
    let l = queue(submit(1, 3));
    l = O.markSent(l, l[0].id);
    l = O.markFailed(l, l[0].id, { status: 409, code: 'insufficient_holding', message: 'no' });
    const before = l[0];
    l = O.retry(l, before.id);
    expect(l[0]).toMatchObject({ state: 'pending', idempotencyKey: before.idempotencyKey, body: before.body });
  });
});

describe('already applied', () => {
  it('a transition whose answer was lost is done when the server shows its state', () => {
    const [e] = queue(move(1, 'on_site', 5));
    expect(O.alreadyApplied(e, { status: 'on_site', version: 6 })).toBe(true);
    expect(O.alreadyApplied(e, { status: 'cancelled', version: 6 })).toBe(false);
  });
  it('a report edit is done when the draft shows exactly my fields', () => {
    const [e] = queue(edit(1, { cause: 'worn', findings: { listen: 'noise', look: null, check: null }, partsUsed: [{ partId: 4, qty: '2', reason: null }] }, 0));
    const server = { status: 'draft', cause: 'worn', findings: { listen: 'noise', look: null, check: null }, partsUsed: [{ partId: 4, partCode: 'P4', partName: 'x', qty: '2.000', reason: null }], version: 1 };
    expect(O.alreadyApplied(e, server)).toBe(true);
    expect(O.alreadyApplied(e, { ...server, cause: 'other' })).toBe(false);
    expect(O.alreadyApplied(e, { ...server, status: 'submitted' })).toBe(false);
  });
});

describe('the local view', () => {
  it('shows queued moves and report edits over the server copy', () => {
    const l = queue(move(1, 'en_route', 4), move(1, 'on_site', 5), edit(1, { cause: 'worn' }, 0), submit(1, 1));
    expect(O.projectWorkOrder({ id: 1, status: 'accepted', version: 4 }, l)).toEqual({ id: 1, status: 'resolved', version: 7, pending: 4 });
    expect(O.projectWorkOrder({ id: 2, status: 'accepted', version: 4 }, l)).toMatchObject({ status: 'accepted', pending: 0 });
    const r = O.projectReport({ status: 'draft', version: 0, photos: [] as unknown[], cause: null as string | null }, l, 1);
    expect(r).toMatchObject({ status: 'submitted', cause: 'worn', version: 2 });
  });
  it('a conflicted change shows the server copy, not mine', () => {
    let l = queue(move(1, 'en_route', 4));
    l = O.markConflict(l, l[0].id, { status: 409, code: 'invalid_transition', message: 'x' }, null);
    expect(O.projectWorkOrder({ id: 1, status: 'cancelled', version: 5 }, l)).toMatchObject({ status: 'cancelled', pending: 0 });
  });
  it('a change already counted by a fresher server copy does not count twice', () => {
    const l = queue(move(1, 'accepted', 2));
    expect(O.projectWorkOrder({ id: 1, status: 'accepted', version: 3 }, l)).toMatchObject({ status: 'accepted', version: 3 });
  });
});

/** A fake server: work orders with status + version, one report, a switch for the network. */
function fakeServer() {
  const wos = new Map<number, { status: string; version: number }>([
    [1, { status: 'accepted', version: 4 }],
    [2, { status: 'dispatched', version: 2 }],
  ]);
  const report = { status: 'draft', version: 0, cause: null as string | null };
  const seen: string[] = [];
  const state = { online: true, loseAnswer: false };
  const send = async (e: O.OutboxEntry): Promise<O.SendResult> => {
    if (!state.online) return { ok: false, error: { status: 0, code: 'network', message: 'offline' } };
    seen.push(`${e.kind}:${e.workOrderId}:${String(e.body.to ?? e.body.cause ?? '')}@${String(e.body.version)}#${e.idempotencyKey}`);
    let result: O.SendResult;
    if (e.kind === 'transition') {
      const w = wos.get(e.workOrderId)!;
      if (w.version !== e.body.version) result = { ok: false, error: { status: 409, code: 'version_conflict', message: 'moved on' } };
      else {
        w.status = String(e.body.to);
        w.version++;
        result = { ok: true, data: { ...w } };
      }
    } else {
      if (report.version !== e.body.version) result = { ok: false, error: { status: 409, code: 'stale_version', message: 'moved on' } };
      else {
        report.cause = (e.body.cause as string) ?? report.cause;
        report.version++;
        result = { ok: true, data: { ...report } };
      }
    }
    if (state.loseAnswer && result.ok) {
      state.loseAnswer = false;
      return { ok: false, error: { status: 0, code: 'network', message: 'answer lost' } };
    }
    return result;
  };
  const current = async (e: O.OutboxEntry) => (e.resource?.startsWith('wo:') ? { ...wos.get(e.workOrderId)! } : { ...report });
  return { wos, report, seen, state, send, current };
}

function memoryDeps(server: ReturnType<typeof fakeServer>, store: O.OutboxStore) {
  const applied: string[] = [];
  return { applied, deps: { load: () => store.load(), save: (l: O.OutboxEntry[]) => store.save(l), send: server.send, current: server.current, applied: (e: O.OutboxEntry) => applied.push(e.id) } };
}

function memoryStore() {
  const m = new Map<string, string>();
  return new O.OutboxStore({ getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) }, 'outbox');
}

describe('syncOnce', () => {
  it('sends in order once online, with the versions chained', async () => {
    const server = fakeServer();
    const store = memoryStore();
    store.save(queue(move(1, 'en_route', 4), edit(1, { cause: 'worn' }, 0), move(1, 'on_site', 5), move(2, 'accepted', 2)));
    server.state.online = false;
    const { deps } = memoryDeps(server, store);
    expect(await O.syncOnce(deps)).toBe('offline');
    expect(store.load()).toHaveLength(4);
    expect(store.load()[0].attempts).toBe(1);
    server.state.online = true;
    expect(await O.syncOnce(deps)).toBe('done');
    expect(store.load()).toEqual([]);
    expect(server.wos.get(1)).toEqual({ status: 'on_site', version: 6 });
    expect(server.wos.get(2)).toEqual({ status: 'accepted', version: 3 });
    expect(server.report).toMatchObject({ cause: 'worn', version: 1 });
    expect(server.seen.map((s) => s.split('#')[0])).toEqual(['transition:1:en_route@4', 'report:1:worn@0', 'transition:1:on_site@5', 'transition:2:accepted@2']);
  });

  it('a retry after a network failure sends the same Idempotency-Key', async () => {
    const server = fakeServer();
    const store = memoryStore();
    store.save(queue(move(2, 'accepted', 2)));
    const k = store.load()[0].idempotencyKey;
    const { deps } = memoryDeps(server, store);
    server.state.loseAnswer = true; // applied on the server, the answer never came back
    expect(await O.syncOnce(deps)).toBe('offline');
    expect(store.load()[0].idempotencyKey).toBe(k);
    // The retry is refused (the server moved on: it was us) — recognised as done, not a conflict.
    expect(await O.syncOnce(deps)).toBe('done');
    expect(store.load()).toEqual([]);
    expect(server.seen.map((s) => s.split('#')[1])).toEqual([k, k]);
  });

  it("someone else's change becomes a conflict card; keep mine re-applies, later steps follow", async () => {
    const server = fakeServer();
    const store = memoryStore();
    store.save(queue(edit(1, { cause: 'mine' }, 0), submit(1, 1), move(2, 'accepted', 2)));
    server.report.version = 3; // the desk saved the report meanwhile
    server.report.cause = 'desk';
    const { deps } = memoryDeps(server, store);
    expect(await O.syncOnce(deps)).toBe('done');
    const l = store.load();
    expect(l.map((e) => [e.kind, e.state])).toEqual([
      ['report', 'conflict'],
      ['submit', 'pending'],
    ]);
    expect(l[0].server).toMatchObject({ cause: 'desk', version: 3 });
    expect(l[0].error?.code).toBe('stale_version');
    expect(server.wos.get(2)!.status).toBe('accepted'); // the other job went through
    store.save(O.keepMine(store.load(), l[0].id, 3, key));
    expect(await O.syncOnce(deps)).toBe('done');
    expect(store.load()).toEqual([]);
    expect(server.report).toMatchObject({ cause: 'mine', version: 5 });
    expect(server.seen.filter((s) => s.startsWith('report') || s.startsWith('submit')).map((s) => s.split('#')[0])).toEqual(['report:1:mine@0', 'report:1:mine@3', 'submit:1:@4']);
  });
});
