import type { App, AppDeps } from '../../platform/http/types.js';

/** Printable slips (R-INV-12): filled in by the printing module. */
export function printingRoutes(_app: App, _deps: AppDeps) {}
