import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { Role } from '../../db.js';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf } from '../../platform/http/server.js';
import { IdParams } from '../../platform/http/schemas.js';
import { documentSlip, purchaseListSlip, type Slip } from './slip.data.js';
import { PRINT_JS, renderSlipHtml, type Paper } from './html.js';

// pdfkit (and the CJK font it parses) costs tens of MB: loaded on the first PDF, not at start-up.
let pdfModule: Promise<typeof import('./pdf.js')> | null = null;
const loadPdf = () => (pdfModule ??= import('./pdf.js'));

const ALL: readonly Role[] = ['admin', 'service_manager', 'dispatcher', 'technician', 'warehouse_keeper', 'finance', 'station_user'];
const PURCHASE: readonly Role[] = ['admin', 'warehouse_keeper', 'service_manager', 'finance', 'dispatcher'];

const PrintQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('pdf')], { default: 'html' })),
  paper: Type.Optional(Type.Union([Type.Literal('a4'), Type.Literal('80mm')], { default: 'a4' })),
});
// The body is text/html or application/pdf; fastify sends strings and buffers with an explicit
// content type as they are, so this schema documents rather than serializes.
const Printed = Type.String({ description: 'text/html page or application/pdf bytes' });

async function sendSlip(reply: FastifyReply, slip: Slip, format: 'html' | 'pdf', paper: Paper) {
  const name = `${slip.number.replace(/[^A-Za-z0-9_-]/g, '_')}-${paper}`;
  reply.header('cache-control', 'no-store');
  if (format === 'pdf') {
    const { renderSlipPdf } = await loadPdf();
    const pdf = await renderSlipPdf(slip, paper);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
  }
  return reply.type('text/html; charset=utf-8').send(await renderSlipHtml(slip, paper));
}

/** Printable slips (R-INV-12): documents and the purchase list as HTML or PDF, A4 or 80 mm. */
export function printingRoutes(app: App, deps: AppDeps) {
  app.get(
    '/documents/:id/print',
    { config: { access: ALL }, schema: { tags: ['printing'], params: IdParams, querystring: PrintQuery, response: { 200: Printed } } },
    async (req, reply) => sendSlip(reply, await documentSlip(ctxOf(deps, req), req.params.id), req.query.format ?? 'html', req.query.paper ?? 'a4'),
  );
  app.get(
    '/shortages/purchase-list/print',
    { config: { access: PURCHASE }, schema: { tags: ['printing'], querystring: PrintQuery, response: { 200: Printed } } },
    async (req, reply) => sendSlip(reply, await purchaseListSlip(ctxOf(deps, req)), req.query.format ?? 'html', req.query.paper ?? 'a4'),
  );
  // The print button's handler: the CSP forbids inline scripts, so the page loads this file.
  app.get('/print.js', { config: { access: 'public' }, schema: { hide: true, response: { 200: Type.String() } } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PRINT_JS),
  );
}
