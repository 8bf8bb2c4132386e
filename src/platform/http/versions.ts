// The version an update read (API.md): `version` in the body, or an If-Match header (`"3"`,
// `W/"3"`). Routes whose body may leave `version` out get If-Match in OpenAPI (server.ts).
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

type Versioned = Pick<FastifyRequest, 'headers'> & { body: unknown };

const bodyVersion = (req: Versioned) => (req.body as { version?: number } | undefined)?.version;

function ifMatch(req: Versioned): number | undefined {
  const h = req.headers['if-match'];
  if (!h) return undefined;
  const v = Number(h.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(v) || v < 0) throw new AppError('invalid_version', { field: 'if-match' });
  return v;
}

/** A decision's version: checked when sent, otherwise the decision locks its row (decision 0015). */
export const optionalVersionOf = (req: Versioned): number | undefined => bodyVersion(req) ?? ifMatch(req);

/** An update's version: required, so a missing one is `428 version_required`. */
export function versionOf(req: Versioned): number {
  const v = optionalVersionOf(req);
  if (v === undefined) throw new AppError('version_required');
  return v;
}
