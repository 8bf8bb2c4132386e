import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Role } from '../../db.js';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf, withTx } from '../../platform/http/server.js';
import { AppError } from '../../platform/errors.js';
import { Id } from '../../platform/http/schemas.js';
import type { ImportOptions, ImportReport } from './imports.js';
import './errors.js';

// exceljs costs ~20 MB of heap: the importers and exporters (and with them exceljs) are loaded on
// the first import or export, not at start-up. Same value as xlsx.ts XLSX_MIME, which would load it.
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let importsModule: Promise<typeof import('./imports.js')> | null = null;
let exportsModule: Promise<typeof import('./exports.js')> | null = null;
const loadImports = () => (importsModule ??= import('./imports.js'));
const loadExports = () => (exportsModule ??= import('./exports.js'));

const MAX_UPLOAD = 10 * 1024 * 1024;
const IMPORTERS: readonly Role[] = ['admin', 'warehouse_keeper'];
const ALL: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician', 'warehouse_keeper', 'finance', 'station_user'];

const ImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean()), goodRowsOnly: Type.Optional(Type.Boolean()) });
const ImportReportSchema = Type.Object({
  imported: Type.Integer(),
  valid: Type.Integer(),
  failed: Type.Integer(),
  dryRun: Type.Boolean(),
  documents: Type.Array(Type.String()),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer(),
      ok: Type.Boolean(),
      errors: Type.Array(Type.Object({ column: Type.String(), field: Type.String(), code: Type.String(), message: Type.String() })),
    }),
  ),
});
/** The raw workbook: validated as bytes by the handler, documented as a binary upload. */
const XlsxBody = Type.Unsafe<Buffer>({ description: '.xlsx file bytes' });
const XlsxFile = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '.xlsx file' });
const DateRange = { from: Type.Optional(Type.String({ maxLength: 40 })), to: Type.Optional(Type.String({ maxLength: 40 })) };

type Importer = (ctx: Ctx, bytes: Buffer, opts: ImportOptions) => Promise<ImportReport>;
type Exporter<Q> = (ctx: Ctx, q: Q) => Promise<Buffer>;
type Exports = Awaited<ReturnType<typeof loadExports>>;
/** An exporter of the lazily loaded module, called once it is loaded. */
const exporter =
  <Q>(pick: (m: Exports) => Exporter<Q>): Exporter<Q> =>
  async (ctx, q) =>
    pick(await loadExports())(ctx, q);

function sendXlsx(reply: FastifyReply, name: string, bytes: Buffer) {
  const stamp = new Date().toISOString().slice(0, 10);
  return reply
    .type(XLSX_MIME)
    .header('content-disposition', `attachment; filename="${name}-${stamp}.xlsx"`)
    .header('cache-control', 'no-store')
    .send(bytes);
}

/** Excel import and export (R-INV-19). */
export function exchangeRoutes(app: App, deps: AppDeps) {
  // Own scope: the binary body parser applies only to these routes.
  void app.register(async (scope: App) => {
    for (const mime of [XLSX_MIME, 'application/octet-stream']) {
      scope.addContentTypeParser(mime, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD }, (_req: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => done(null, body));
    }

    const importRoute = (path: string, run: Importer, summary: string) =>
      scope.post(
        path,
        {
          config: { access: IMPORTERS },
          bodyLimit: MAX_UPLOAD,
          schema: { tags: ['exchange'], summary, consumes: [XLSX_MIME], querystring: ImportQuery, body: XlsxBody, response: { 200: ImportReportSchema } },
        },
        async (req) => {
          if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type');
          const bytes = req.body;
          // Either every row is imported or none (the transaction rolls back on import_rows_invalid).
          return withTx(deps, req, (ctx) => run(ctx, bytes, req.query));
        },
      );
    importRoute('/imports/parts', async (ctx, bytes, opts) => (await loadImports()).importParts(ctx, bytes, opts), '从 Excel 导入配件');
    importRoute('/imports/suppliers', async (ctx, bytes, opts) => (await loadImports()).importSuppliers(ctx, bytes, opts), '从 Excel 导入供应商');
    importRoute('/imports/opening-stock', async (ctx, bytes, opts) => (await loadImports()).importOpeningStock(ctx, bytes, opts), '从 Excel 导入期初库存');
    for (const name of ['parts', 'suppliers', 'opening-stock'] as const) {
      scope.get(
        `/imports/templates/${name}.xlsx`,
        { config: { access: IMPORTERS }, schema: { tags: ['exchange'], summary: `导入模板 ${name}`, produces: [XLSX_MIME], response: { 200: XlsxFile } } },
        async (_req, reply) => sendXlsx(reply, `${name}-template`, await (await loadImports()).importTemplate(name)),
      );
    }

    const exportRoute = <Q>(name: string, access: readonly Role[], querystring: ReturnType<typeof Type.Object>, run: Exporter<Q>) =>
      scope.get(
        `/exports/${name}.xlsx`,
        { config: { access }, schema: { tags: ['exchange'], summary: `导出 ${name}`, produces: [XLSX_MIME], querystring, response: { 200: XlsxFile } } },
        async (req, reply) => sendXlsx(reply, name, await run(ctxOf(deps, req), req.query as Q)),
      );
    const Q = (s: Record<string, ReturnType<typeof Type.Optional>>) => Type.Object(s);
    exportRoute('parts', ALL, Q({ q: Type.Optional(Type.String({ maxLength: 100 })), category: Type.Optional(Type.String({ maxLength: 100 })), includeArchived: Type.Optional(Type.Boolean()) }), exporter((m) => m.exportParts));
    exportRoute('suppliers', ALL, Q({ q: Type.Optional(Type.String({ maxLength: 100 })) }), exporter((m) => m.exportSuppliers));
    exportRoute(
      'stock',
      ALL,
      Q({ partId: Type.Optional(Id), locationId: Type.Optional(Id), category: Type.Optional(Type.String({ maxLength: 100 })), asOf: Type.Optional(Type.String({ maxLength: 40 })), groupBy: Type.Optional(Type.Union([Type.Literal('lot'), Type.Literal('part')])) }),
      exporter((m) => m.exportStock),
    );
    exportRoute('holdings', ALL, Q({ userId: Type.Optional(Id), partId: Type.Optional(Id) }), exporter((m) => m.exportHoldings));
    exportRoute('moves', ['admin', 'service_manager', 'warehouse_keeper', 'finance', 'station_user', 'technician'], Q({ partId: Type.Optional(Id), locationId: Type.Optional(Id), documentId: Type.Optional(Id), ...DateRange }), exporter((m) => m.exportMoves));
    exportRoute(
      'documents',
      ALL,
      Q({ type: Type.Optional(Type.String({ maxLength: 30 })), status: Type.Optional(Type.String({ maxLength: 30 })), q: Type.Optional(Type.String({ maxLength: 50 })), userId: Type.Optional(Id), ...DateRange }),
      exporter((m) => m.exportDocuments),
    );
    exportRoute(
      'issue-stats',
      ['admin', 'service_manager', 'warehouse_keeper', 'finance', 'station_user'],
      Q({ ...DateRange, groupBy: Type.Optional(Type.Union([Type.Literal('employee'), Type.Literal('part'), Type.Literal('workOrder'), Type.Literal('station')])) }),
      exporter((m) => (ctx, q: { from?: string; to?: string; groupBy?: 'employee' | 'part' | 'workOrder' | 'station' }) => m.exportIssueStats(ctx, { ...q, groupBy: q.groupBy ?? 'employee' })),
    );
    exportRoute('purchase-list', ['admin', 'warehouse_keeper', 'service_manager', 'finance', 'dispatcher'], Q({}), exporter((m) => (ctx) => m.exportPurchaseList(ctx)));
  });
}
