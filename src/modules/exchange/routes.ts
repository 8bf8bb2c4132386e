import type { App, AppDeps } from '../../platform/http/types.js';

/** Excel import and export (R-INV-19): filled in by the exchange module. */
export function exchangeRoutes(_app: App, _deps: AppDeps) {}
