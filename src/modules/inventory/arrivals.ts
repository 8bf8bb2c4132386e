// Parts arriving at a store — a receipt, or a transfer received at a station — told to whoever
// listens, inside the posting transaction (a listener that fails fails the posting, so nothing is
// half-written). The service module listens, to tell the technicians whose work orders wait for
// those parts; the ledger knows nothing of work orders. The shortage requests the parts cover
// are closed last (shortages.ts).
import type { Ctx } from '../../db.js';
import type { LocationsRow } from './tables.js';
import { fulfilShortages } from './shortages.js';

export interface Arrival {
  /** The posted document's number (the receipt, or the transfer's receipt). */
  number: string;
  /** The station the receiving store belongs to; null for a central warehouse. */
  stationId: number | null;
  lines: readonly { partId: number; qty: number }[];
}

type Listener = (ctx: Ctx, arrival: Arrival) => Promise<unknown>;
const listeners = new Set<Listener>();

/** Registers a listener; registering the same function again changes nothing. */
export function onPartsArrived(listener: Listener): void {
  listeners.add(listener);
}

export async function partsArrived(ctx: Ctx, arrival: Arrival): Promise<void> {
  for (const listener of listeners) await listener(ctx, arrival);
  // Then the shortage requests the parts cover are closed: after the listeners, which look for
  // the requests still open (the service module's work orders waiting for these parts).
  await fulfilShortages(ctx, arrival);
}

/** The station a store belongs to (a station's own store, or a location under a station). */
export const stationOf = (loc: Pick<LocationsRow, 'id' | 'kind' | 'station_id'>): number | null => (loc.kind === 'station' ? loc.id : loc.station_id);
