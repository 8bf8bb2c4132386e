// buildApp(deps): the server with every module's routes, registered in one explicit list.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { App, AppDeps } from './platform/http/types.js';
import { API_PREFIX, createServer } from './platform/http/server.js';
import { findSessionActor } from './modules/auth/sessions.js';
import { authRoutes } from './modules/auth/routes.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { inventoryRoutes } from './modules/inventory/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { printingRoutes } from './modules/printing/routes.js';
import { exchangeRoutes } from './modules/exchange/routes.js';
import { serviceRoutes } from './modules/service/routes.js';
import './modules/auth/errors.js';
import './modules/catalog/errors.js';
import './modules/inventory/errors.js';
import './modules/service/errors.js';
// Listeners: the service module hears of parts arriving in the ledger (inventory/arrivals.ts).
import './modules/service/notifications.js';

const MODULES: ((app: App, deps: AppDeps) => void)[] = [authRoutes, catalogRoutes, inventoryRoutes, reportRoutes, printingRoutes, exchangeRoutes, serviceRoutes];

// From src/app.ts or, compiled, dist/src/app.js: the package root is one or two levels up.
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(HERE, path.basename(path.dirname(HERE)) === 'dist' ? '../../web/dist' : '../web/dist');

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = await createServer(deps, {
    authenticate: (token) => findSessionActor(deps.handle.db, token, deps.clock.now()),
  });
  await app.register(
    async (api) => {
      for (const register of MODULES) register(api as App, deps);
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      // The service worker (scripts/web-build.mjs writes it) is checked on every visit, so a new
      // build reaches phones that open the app; its scope is the whole app (it is served at /sw.js).
      setHeaders: (reply, file) => {
        if (path.basename(file) === 'sw.js') reply.header('cache-control', 'no-cache');
      },
    });
    // Client-side routes fall back to the app shell; unknown API paths stay JSON 404s. A catch-all
    // route, not setNotFoundHandler: createServer already owns the root not-found handler.
    app.get('/*', { schema: { hide: true } }, (req, reply) => (req.url.startsWith('/api/') ? reply.callNotFound() : reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html')));
  }
  return app;
}
