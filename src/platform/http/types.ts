import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Actor, Database, Role } from '../../db.js';
import type { DbHandle } from '../db/connect.js';
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Lang } from '../errors.js';

/** Who may call a route: a list of roles, any logged-in user, or anyone. Deny by default. */
export type Access = readonly Role[] | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    viaCookie: boolean;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** The route honours Idempotency-Key (idempotent()); OpenAPI lists the header. */
    idempotent?: boolean;
  }
}

export interface AppDeps {
  handle: DbHandle<Database>;
  config: Config;
  clock: Clock;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
