/**
 * The request pipeline in one place: security headers → rate limit → auth (session cookie or
 * bearer token) → access check (deny by default) → CSRF for cookie writes → schema validation
 * → handler (which opens the transaction) → error mapping. 5xx never shows internals.
 */
import Fastify, { type FastifyError, type FastifyRequest } from 'fastify';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Actor, Ctx, Role } from '../../db.js';
import { reason, validationDetails, type AjvIssue, type ReasonKey } from './validation-messages.js';
import { AppError, errorSpec, formatMessage, type Lang } from '../errors.js';
import { pickLang } from '../i18n.js';
import { inTransaction, RetryExhaustedError } from '../db/transaction.js';
import type { Access, App, AppDeps } from './types.js';
import { ErrorResponse, IdempotencyHeaders, IfMatchHeaders } from './schemas.js';

export const API_PREFIX = '/api/v1';
export const SESSION_COOKIE = 'aftersales_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface PipelineHooks {
  /** Resolves a session token to its user, or null (expired, logged out, disabled). */
  authenticate(token: string): Promise<Actor | null>;
}

export function errorBody(code: string, lang: Lang, details: Record<string, unknown> = {}) {
  return { error: { code, message: formatMessage(code, lang, details), details } };
}

function mapError(err: unknown, lang: Lang): { code: string; details: Record<string, unknown> } | null {
  if (err instanceof AppError) return { code: err.code, details: err.details };
  if (err instanceof RetryExhaustedError) return { code: 'busy', details: {} };
  const e = err as FastifyError & { validation?: AjvIssue[] };
  if (e?.validation) return { code: 'validation_failed', details: validationDetails(e.validation, e.validationContext, lang) };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', details: {} };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'unsupported_media_type', details: {} };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'validation_failed', details: reason('bad_json', lang) };
    case 'FST_ERR_CTP_EMPTY_TYPE':
      return { code: 'validation_failed', details: reason('malformed_request', lang) };
    case 'FST_ERR_INVALID_URL':
    case 'FST_ERR_BAD_URL':
      return { code: 'validation_failed', details: reason('malformed_url', lang) };
    case 'FST_ERR_RATE_LIMIT':
      return { code: 'rate_limited', details: {} };
  }
  if (e?.statusCode === 429) return { code: 'rate_limited', details: {} };
  if (err instanceof SyntaxError || (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500)) {
    return { code: 'validation_failed', details: reason('malformed_request', lang) };
  }
  // A unique key lost to a concurrent writer (the pre-check passed in both transactions).
  if (e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return { code: 'duplicate', details: { field: (e as { constraint?: string }).constraint ?? 'code' } };
  }
  // A reference lost to a concurrent writer: a row deleted while another transaction came to
  // refer to it, or the other way round (e.g. a part deleted as a receipt of it commits).
  if (e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return { code: 'concurrent_change', details: { constraint: (e as { constraint?: string }).constraint ?? null } };
  }
  // A balance that would leave the range the app's numbers hold exactly (migration 0014).
  if ((e?.code === '23514' && /_in_range$/.test((e as { constraint?: string }).constraint ?? '')) || (e?.code === 'SQLITE_CONSTRAINT_TRIGGER' && e.message === 'amount_out_of_range')) {
    return { code: 'amount_out_of_range', details: {} };
  }
  // Postgres value errors that only bad input can cause (e.g. a NUL byte in text).
  if (e?.code === '22021' || e?.code === '22P05' || e?.code === '22003' || e?.code === '22P02' || e?.code === 'SQLITE_MISMATCH') {
    return { code: 'validation_failed', details: reason('invalid_value', lang) };
  }
  return null;
}

/**
 * Walks a request's input; what is wrong with it, if anything: a number that is not finite, or a
 * NUL character in a text (PostgreSQL cannot store one, so no database gets one). Strings holding
 * a lone UTF-16 surrogate (no character; either database stores it as U+FFFD) are made
 * well-formed in place, so what the code compares — a lot number, a part code — is what the
 * database keeps.
 */
function scrubInput(v: unknown, depth = 0): ReasonKey | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : 'number_out_of_range';
  if (depth > 20 || v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return null;
  let problem: ReasonKey | null = null;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (typeof x === 'string') {
      if (x.includes('\0')) problem ??= 'nul_character';
      else if (!x.isWellFormed()) o[k] = x.toWellFormed();
    } else problem ??= scrubInput(x, depth + 1);
  }
  return problem;
}

/** The host of an Origin header; null for "null" (sandboxed frames) and garbage. */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * The security headers, made by helmet once at start-up: its middleware runs on every request
 * otherwise (a dozen small functions, ~4 % of a stock issue's CPU under load), and with this
 * configuration it sets the same headers on every answer. Also used for the few answers given
 * before the request hooks run (malformed URLs).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = headersOf(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        // Installations are often served over plain http on a LAN address: do not make
        // browsers rewrite every request to https.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  }),
);

/** The headers a (request-independent) middleware sets, recorded from one run of it. */
function headersOf(mw: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): Record<string, string> {
  const out: Record<string, string> = {};
  const res = { setHeader: (k: string, v: unknown) => void (out[k.toLowerCase()] = String(v)), removeHeader: (k: string) => void delete out[k.toLowerCase()] };
  let done = false;
  mw({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('the security headers middleware did not finish synchronously');
  return out;
}

/**
 * Prepares a route's schema in place, before OpenAPI reads it:
 * - every anyOf's null branch goes first. Ajv coerces inside anyOf branch by branch: with the
 *   null branch second, a JSON null met the string or number branch first and was stored as "" or 0.
 * - `closed` (bodies): an object takes only the fields it declares, so a misspelt `lotID` is a
 *   400 naming it, not an issue that quietly picks FIFO. An object that says otherwise (a record,
 *   explicit additionalProperties) keeps its own rule.
 */
export function prepareSchema(schema: unknown, closed: boolean): void {
  if (!schema || typeof schema !== 'object') return;
  const o = schema as Record<string, unknown>;
  if (Array.isArray(o.anyOf)) {
    const i = o.anyOf.findIndex((b) => (b as { type?: unknown } | null)?.type === 'null');
    if (i > 0) o.anyOf.unshift(...o.anyOf.splice(i, 1));
  }
  if (closed && o.type === 'object' && o.properties && o.additionalProperties === undefined && o.patternProperties === undefined) o.additionalProperties = false;
  for (const v of Object.values(o)) prepareSchema(v, closed);
}

/**
 * Schema validators. A JSON body is taken as typed: `true`, `"2.5"` or `[1]` where a number is
 * due is a 400, not 1 or 2.5 (Fastify's default coerces every part alike, so `toUserId: true`
 * issued stock to user 1). Query strings, path parameters and headers are text and are coerced
 * to their schema's types (`?limit=20`, `?ids=1` as a one-item list). Otherwise Fastify's options.
 */
const ajvFor = (coerceTypes: boolean | 'array') => {
  // removeAdditional off: a body's unknown field is refused (prepareSchema), never dropped unseen.
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, addUsedSchema: false });
  formats.default(ajv); // a CommonJS module: its default export is on .default
  return ajv;
};
const bodyAjv = ajvFor(false);
const textAjv = ajvFor('array');

export async function createServer(deps: AppDeps, hooks: PipelineHooks): Promise<App> {
  const app = Fastify({
    // Request lines are not logged (they would cost more than the work at 1,000 req/s); errors are.
    logger: { level: deps.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 4 * 1024 * 1024,
    trustProxy: process.env.AFTERSALES_TRUST_PROXY === '1',
    routerOptions: { maxParamLength: 200 },
    // Malformed URLs are refused by Fastify before any hook: answer them in our own shape.
    frameworkErrors: (err, req, reply) => {
      const lang = pickLang(req.headers['accept-language']);
      for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as any).code(tooLong ? 404 : 400).send(errorBody(tooLong ? 'route_not_found' : 'validation_failed', lang, tooLong ? {} : reason('malformed_url', lang)));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));

  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('viaCookie', false);

  // Deny by default: every API route must say who may call it.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    for (const part of ['body', 'querystring', 'params'] as const) prepareSchema(route.schema?.[part], part === 'body');
    // An update whose body may leave its version out reads If-Match instead: OpenAPI says so.
    const body = route.schema?.body as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    if (route.schema && body?.properties?.version && !body.required?.includes('version')) route.schema.headers ??= IfMatchHeaders;
    if (route.schema && route.config?.idempotent) route.schema.headers ??= IdempotencyHeaders;
    // Every answer that is not a success has the one error shape (API.md): OpenAPI says so.
    if (route.schema?.response) (route.schema.response as Record<string, unknown>)['4xx'] ??= ErrorResponse;
  });

  app.addHook('onRequest', (_req, reply, done) => {
    for (const k in SECURITY_HEADERS) reply.raw.setHeader(k, SECURITY_HEADERS[k]!);
    done();
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Aftersales API', version: '1.0.0', description: '售後服務與配件管理 API' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });

  app.addHook('onRequest', async (req, reply) => {
    req.lang = pickLang(req.headers['accept-language']);
    if (!req.url.startsWith(API_PREFIX)) return;
    const access = req.routeOptions.config?.access;
    if (!access) return; // unknown route: the not-found handler answers
    const auth = req.headers.authorization;
    let token: string | undefined;
    if (auth?.startsWith('Bearer ')) token = auth.slice(7).trim();
    else if (req.cookies[SESSION_COOKIE]) {
      token = req.cookies[SESSION_COOKIE];
      req.viaCookie = true;
    }
    if (token && token.length <= 200) req.actor = await hooks.authenticate(token);
    if (access === 'public') return;
    if (!req.actor) return reply.code(401).send(errorBody('unauthenticated', req.lang));
    if (access !== 'authenticated' && !req.actor.roles.some((r) => (access as readonly Role[]).includes(r))) {
      return reply.code(403).send(errorBody('forbidden', req.lang));
    }
    // CSRF: a cookie-authenticated write must come from our own pages (custom header, which a
    // cross-site form cannot set, and a matching Origin when the browser sends one).
    if (req.viaCookie && UNSAFE.has(req.method)) {
      const origin = req.headers.origin;
      const host = req.headers.host;
      const originOk = !origin || (host !== undefined && originHost(origin) === host);
      if (!originOk || req.headers['x-requested-with'] !== 'aftersales') {
        return reply.code(403).send(errorBody('csrf_failed', req.lang));
      }
    }
  });

  // Ajv coerces "Infinity" and "1e309" to non-finite numbers, which pass minimum/maximum.
  app.addHook('preHandler', async (req) => {
    const problem = [req.params, req.query, req.body].map((v) => scrubInput(v)).find(Boolean);
    if (problem) throw new AppError('validation_failed', reason(problem, req.lang));
  });

  app.setErrorHandler((err, req, reply) => {
    const mapped = mapError(err, req.lang);
    if (mapped) {
      const status = errorSpec(mapped.code)?.status ?? 400;
      if (status >= 500) req.log.warn({ err }, 'request failed');
      return reply.code(status).send(errorBody(mapped.code, req.lang, mapped.details));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(errorBody('internal', req.lang));
  });

  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody('route_not_found', req.lang)));
  return app;
}

/** The business context of a request (STYLE: first argument of every function). */
export function ctxOf(deps: AppDeps, req: FastifyRequest): Ctx {
  return {
    db: deps.handle.db,
    dialect: deps.handle.dialect,
    actor: req.actor ?? { id: 0, username: 'anonymous', displayName: 'anonymous', roles: [], stationId: null },
    clock: deps.clock,
    timeZone: deps.config.timeZone,
    lang: req.lang,
  };
}

/** Opens the request's transaction at the edge and passes a context bound to it. */
export function withTx<T>(deps: AppDeps, req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const base = ctxOf(deps, req);
  return inTransaction(deps.handle.db, deps.handle.dialect, (trx) => fn({ ...base, db: trx }));
}
