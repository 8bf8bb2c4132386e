/**
 * Posting a document with its stock moves: the document, one line per move (in order), the moves
 * with their balance changes, and the audit record, inside the caller's transaction (after
 * lockLevels). Issues, returns, write-offs, transfers and old-parts documents post this way.
 *
 * SQLite runs the statements one after another in-process. PostgreSQL gets them as one call of
 * the database function aftersales_post (migration 0010): each statement is a network round trip
 * while the parts' level rows are locked, and a stock issue was spending most of its CPU on those
 * round trips (docs/decisions/0013-one-statement-posting.md, 0016-issue-in-one-statement.md).
 */
import { sql } from 'kysely';
import type { Ctx } from '../../db.js';
import type { KeyClaim } from '../../platform/http/idempotency.js';
import { isRetryable } from '../../platform/db/transaction.js';
import { audit, auditRow } from '../auth/audit.js';
import { insertDocument, numberFor, type NewDocument, type NewLine } from './documents.js';
import { balanceDeltas, moveRow, postMoves, type MoveSpec } from './ledger.js';
import type { DocumentLinesRow, DocumentsRow } from './tables.js';

/** The document lines of moves: one per move, with its part, lot, quantity and prices. */
export function linesOf(moves: readonly MoveSpec[]): NewLine[] {
  return moves.map((m) => ({ part_id: m.partId, lot_id: m.lotId, qty: m.qty, unit_cost: m.unitCost, sale_price: m.salePrice ?? null, lot_is_new: null, received_qty: null, counted_qty: null, note: null }));
}

export interface PostingAudit {
  action: string;
  entity: string;
  /** Written after the document's number: { number, ...after }. */
  after?: Record<string, unknown>;
}

/**
 * What aftersales_post verifies under the locks it takes (migration 0010): the level rows of
 * `keys` exist and are locked; at `at`, `need` is available per part; the lots FIFO takes at `at`
 * now are `picks` (per part, the rn-th lot with stock, oldest first; all taken whole but the last).
 */
export interface PostCheck {
  keys: { location_id: number; part_id: number }[];
  at: number;
  need: { part_id: number; qty: number }[];
  picks: { part_id: number; rn: number; lot_id: number; qty: number; last: boolean }[];
}

type Posted = { doc: DocumentsRow; lines: DocumentLinesRow[] };
type PostedRow = DocumentsRow & { lines: DocumentLinesRow[] };
const split = ({ lines, ...doc }: PostedRow): Posted => ({ doc, lines });

/** An Idempotency-Key claimed in the posting's own statement, with the answer's status. */
export type Keyed = KeyClaim & { status: number };

type Answer = PostedRow | { replay: true } | null;

interface Pending {
  arg: object;
  resolve: (a: Answer) => void;
  reject: (e: unknown) => void;
}

/** Postings per aftersales_post_batch call at most (each a document and its lines and moves). */
const MAX_BATCH = 32;

/**
 * Group commit for PostgreSQL's checked postings (docs/decisions/0020-group-commit-on-postgresql.md).
 * One batch in flight per database handle: the postings that queue while it is are sent together
 * as one aftersales_post_batch statement (migration 0013), so one round trip, one commit and one
 * lock of a hot part's level row serve them all. The first posting after a quiet spell goes at
 * once, alone. When the statement fails for anything but a lock conflict (which every caller
 * retries on its own path), each posting is sent again alone, so an error is its own request's.
 */
class PostBatcher {
  private queue: Pending[] = [];
  private sending = false;
  /** Batches sent and the postings they carried (for tests and diagnostics). */
  readonly stats = { batches: 0, postings: 0 };

  constructor(private readonly db: Ctx['db']) {}

  post(arg: object): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.queue.push({ arg, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      // One connection kept while postings keep coming: a batch waits for no pool connection
      // behind the lookups of the requests it will carry next.
      await this.db.connection().execute(async (conn) => {
        while (this.queue.length > 0) await this.send(conn, this.queue.splice(0, MAX_BATCH));
      });
    } catch (err) {
      for (const b of this.queue.splice(0)) b.reject(err); // no connection to be had
    } finally {
      this.sending = false;
    }
  }

  private async send(conn: Ctx['db'], batch: Pending[]): Promise<void> {
    let answers: Answer[];
    try {
      const { rows } = await sql<{ r: Answer[] }>`select aftersales_post_batch(${JSON.stringify(batch.map((b) => b.arg))}::jsonb) as r`.execute(conn);
      answers = rows[0]!.r;
    } catch (err) {
      if (batch.length > 1 && !isRetryable(err)) for (const b of batch) await this.send(conn, [b]);
      else for (const b of batch) b.reject(err);
      return;
    }
    this.stats.batches++;
    this.stats.postings += batch.length;
    batch.forEach((b, i) => b.resolve(answers[i] ?? null));
  }
}

const batchers = new WeakMap<object, PostBatcher>();

/** How many aftersales_post_batch statements carried how many postings on this handle so far. */
export function postBatchStats(db: Ctx['db']): { batches: number; postings: number } {
  return { ...(batchers.get(db)?.stats ?? { batches: 0, postings: 0 }) };
}

/**
 * PostgreSQL: the whole posting in one call. With `check` (outside a transaction) it joins the
 * handle's next batch; null, nothing written, when the check no longer holds or — with `key`,
 * which the batch claims first — when the key was there already. Either way the transactional
 * path then takes the request (and answers a used key).
 */
async function postPg(ctx: Ctx, p: { check?: PostCheck } & Record<string, unknown>, key?: Keyed): Promise<Posted | null> {
  let row: Answer;
  if (p.check) {
    let b = batchers.get(ctx.db);
    if (!b) batchers.set(ctx.db, (b = new PostBatcher(ctx.db)));
    row = await b.post(key ? { ...p, idem: { ...key, user_id: ctx.actor.id, created_at: ctx.clock.now() } } : p);
  } else {
    if (key) throw new Error('a key is claimed only with a check, outside a transaction');
    const { rows } = await sql<{ r: Answer }>`select aftersales_post(${JSON.stringify(p)}::jsonb) as r`.execute(ctx.db);
    row = rows[0]?.r ?? null;
  }
  return !row || 'replay' in row ? null : split(row);
}

/** The posting aftersales_post_batch stored as a key's answer (migrations 0011, 0013), or null for an answer stored as it is. */
export function storedPosting(stored: unknown): Posted | null {
  const row = (stored as { $post?: PostedRow } | null)?.$post;
  return row ? split(row) : null;
}

/**
 * Numbers (unless `number` was drawn before the row locks) and inserts a posted document with
 * one line per move, posts the moves and writes the audit record; returns the document and its
 * lines in order.
 */
export async function postDocument(
  ctx: Ctx,
  doc: NewDocument,
  moves: readonly MoveSpec[],
  opts: { number?: string; audit: PostingAudit },
): Promise<{ doc: DocumentsRow; lines: DocumentLinesRow[] }> {
  const number = opts.number ?? (await numberFor(ctx, doc.type));
  const posted = await postChecked(ctx, doc, moves, { ...opts, number });
  if (posted) return posted;
  const { doc: row, lines: rows } = await insertDocument(ctx, doc, linesOf(moves), number);
  await postMoves(ctx, row.id, moves.map((m, i) => ({ ...m, lineId: rows[i]!.id })), doc.posted_at ?? ctx.clock.now());
  await audit(ctx, opts.audit.action, opts.audit.entity, row.id, null, { number, ...opts.audit.after });
  return { doc: row, lines: rows };
}

/**
 * PostgreSQL: postDocument as one call of aftersales_post. With `check`, outside a transaction:
 * the function locks the stock rows itself and posts only if `check` still holds under them —
 * null otherwise, nothing written (docs/decisions/0016-issue-in-one-statement.md). Also null on
 * SQLite and for documents without balance changes, which postDocument posts statement by statement.
 * With `key` (outside a transaction, with `check`) the request's Idempotency-Key is claimed in
 * the same statement: null too when it was there already.
 */
export async function postChecked(
  ctx: Ctx,
  doc: NewDocument,
  moves: readonly MoveSpec[],
  opts: { number: string; audit: PostingAudit; check?: PostCheck; key?: Keyed },
): Promise<Posted | null> {
  const { lots, levels } = balanceDeltas(moves);
  if (ctx.dialect !== 'postgres' || moves.length === 0 || lots.length === 0 || levels.length === 0) return null;
  const postedAt = doc.posted_at ?? ctx.clock.now();
  const posted = await postPg(ctx, {
    doc: { ...doc, total_cost: doc.total_cost ?? 0, number: opts.number, created_by: ctx.actor.id, created_at: ctx.clock.now(), version: 1 },
    lines: linesOf(moves).map((l, i) => ({ ...l, line_no: i + 1 })),
    moves: moves.map((m, i) => ({ ...moveRow(ctx, m, postedAt), line_no: i + 1 })),
    lots,
    levels,
    audit: auditRow(ctx, opts.audit.action, opts.audit.entity, null, { number: opts.number, ...opts.audit.after }),
    check: opts.check,
  }, opts.key);
  if (!posted && !opts.check) throw new Error('aftersales_post returned nothing');
  return posted;
}
