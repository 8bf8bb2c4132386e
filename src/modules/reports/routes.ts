import { Type } from 'typebox';
import type { App, AppDeps } from '../../platform/http/types.js';
import { ctxOf } from '../../platform/http/server.js';
import { PageQuery } from '../../platform/http/paging.js';
import { issueStatsPage } from './issue-stats.js';

const Row = {
  issuedQty: Type.Number(),
  returnedQty: Type.Number(),
  consumedQty: Type.Number(),
  scrappedQty: Type.Number(),
  netQty: Type.Number(),
  cost: Type.String(),
  saleValue: Type.String(),
  profit: Type.String(),
};

export function reportRoutes(app: App, deps: AppDeps) {
  app.get(
    '/reports/issue-stats',
    {
      config: { access: ['admin', 'service_manager', 'warehouse_keeper', 'finance', 'station_user'] },
      schema: {
        tags: ['reports'],
        querystring: Type.Object({
          ...PageQuery,
          from: Type.Optional(Type.String({ maxLength: 40 })),
          to: Type.Optional(Type.String({ maxLength: 40 })),
          groupBy: Type.Optional(Type.Union([Type.Literal('employee'), Type.Literal('part'), Type.Literal('workOrder'), Type.Literal('station')])),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ key: Type.Union([Type.Integer(), Type.Null()]), label: Type.String(), ...Row })),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            totals: Type.Object(Row),
          }),
        },
      },
    },
    async (req) => issueStatsPage(ctxOf(deps, req), { ...req.query, groupBy: req.query.groupBy ?? 'employee', limit: req.query.limit ?? 50 }),
  );
}
