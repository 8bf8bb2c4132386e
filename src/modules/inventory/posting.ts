/**
 * Posting a document with its stock moves: the document, one line per move (in order), the moves
 * with their balance changes, and the audit record, inside the caller's transaction (after
 * lockLevels). Issues, returns, write-offs, transfers and old-parts documents post this way.
 *
 * SQLite runs the statements one after another in-process. PostgreSQL gets them as one statement
 * of data-modifying CTEs: each statement is a network round trip while the parts' level rows are
 * locked, and a stock issue was spending most of its CPU on those round trips
 * (docs/decisions/0013-one-statement-posting.md).
 */
import type { Insertable, QueryCreator } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Ctx, Database } from '../../db.js';
import { prepared } from '../../platform/db/prepared.js';
import { audit, auditRow } from '../auth/audit.js';
import type { AuditLogTable } from '../auth/tables.js';
import { insertDocument, numberFor, type NewDocument, type NewLine } from './documents.js';
import { balanceDeltas, levelUpsert, lotUpsert, moveRow, postMoves, type MoveSpec } from './ledger.js';
import type { DocumentLinesRow, DocumentLinesTable, DocumentsRow, DocumentsTable, LotBalancesTable, MovesTable, StockLevelsTable } from './tables.js';

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

type LineValues = Omit<Insertable<DocumentLinesTable>, 'document_id'>;
type MoveValues = Omit<Insertable<MovesTable>, 'document_id' | 'line_id'> & { line_no: number };

const postedDocumentPg = prepared(
  (
    db,
    p: {
      doc: Insertable<DocumentsTable>;
      lines: LineValues[];
      moves: MoveValues[];
      lots: Insertable<LotBalancesTable>[];
      levels: Insertable<StockLevelsTable>[];
      audit: Omit<Insertable<AuditLogTable>, 'entity_id'>;
    },
  ) =>
    db
      .with('d', (qc) => qc.insertInto('documents').values(p.doc).returningAll())
      .with('l', (qc) =>
        qc
          .insertInto('document_lines')
          .values(p.lines.map((l) => ({ ...l, document_id: qc.selectFrom('d').select('id') })))
          .returningAll(),
      )
      .with('m', (qc) =>
        qc
          .insertInto('moves')
          .values(
            p.moves.map(({ line_no, ...m }) => ({
              ...m,
              document_id: qc.selectFrom('d').select('id'),
              line_id: qc.selectFrom('l').select('id').where('line_no', '=', line_no),
            })),
          )
          .returning('id'),
      )
      .with('lb', (qc) => lotUpsert(qc as unknown as QueryCreator<Database>, p.lots).returning('lot_balances.lot_id'))
      .with('sl', (qc) => levelUpsert(qc as unknown as QueryCreator<Database>, p.levels).returning('stock_levels.part_id'))
      .with('a', (qc) =>
        qc
          .insertInto('audit_log')
          .values({ ...p.audit, entity_id: qc.selectFrom('d').select('id') })
          .returning('id'),
      )
      .selectFrom('d')
      .selectAll('d')
      .select((eb) => jsonArrayFrom(eb.selectFrom('l').selectAll('l').orderBy('l.line_no')).as('lines')),
);

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
  const lines = linesOf(moves);
  const postedAt = doc.posted_at ?? ctx.clock.now();
  const after = { number, ...opts.audit.after };
  const { lots, levels } = balanceDeltas(moves);
  if (ctx.dialect === 'postgres' && moves.length > 0 && lots.length > 0 && levels.length > 0) {
    const [row] = await postedDocumentPg(ctx.db, {
      doc: { ...doc, total_cost: doc.total_cost ?? 0, number, created_by: ctx.actor.id, created_at: ctx.clock.now(), version: 1 },
      lines: lines.map((l, i) => ({ ...l, line_no: i + 1 })),
      moves: moves.map((m, i) => ({ ...moveRow(ctx, m, postedAt), line_no: i + 1 })),
      lots,
      levels,
      audit: auditRow(ctx, opts.audit.action, opts.audit.entity, null, after),
    });
    const { lines: lineRows, ...docRow } = row!;
    return { doc: docRow as DocumentsRow, lines: lineRows as DocumentLinesRow[] };
  }
  const { doc: row, lines: rows } = await insertDocument(ctx, doc, lines, number);
  await postMoves(ctx, row.id, moves.map((m, i) => ({ ...m, lineId: rows[i]!.id })), postedAt);
  await audit(ctx, opts.audit.action, opts.audit.entity, row.id, null, after);
  return { doc: row, lines: rows };
}
