// The one way the web app talks to the server: /api/v1 with the session cookie, the CSRF
// header on every request, and the chosen language. Types come from the generated schema.
import type { paths } from './schema';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Ok<R> = R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never;
type Strip<S extends string> = S extends `/api/v1${infer Rest}` ? Rest : never;
type Full<P extends string> = `/api/v1${P}` & keyof paths;

/** API paths (without /api/v1) that have the given method. */
export type PathsWith<M extends Method> = { [P in keyof paths]: paths[P][M] extends { responses: unknown } ? Strip<P & string> : never }[keyof paths];
export type Res<P extends PathsWith<M>, M extends Method = 'get'> = Ok<Op<Full<P>, M>['responses']>;
export type Query<P extends PathsWith<'get'>> = NonNullable<Op<Full<P>, 'get'>['parameters']['query']>;
export type Body<P extends PathsWith<'post'>> = Op<Full<P>, 'post'> extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

/** A server error `{error:{code,message,details}}`; message is already in the request's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
  /** The form field the server blamed, e.g. ['lines', 0, 'qty'] for "lines.0.qty". */
  get field(): (string | number)[] | null {
    const f = this.details.field;
    if (typeof f !== 'string' || !f) return null;
    return f.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  }
}

let language = 'zh-CN';
let onUnauthenticated: () => void = () => {};

/** Sets the Accept-Language of later requests (the server answers errors in it). */
export function setApiLanguage(lang: string) {
  language = lang;
}

/** Called when a request comes back 401 (the session ended): the shell shows the login page. */
export function setUnauthenticatedHandler(fn: () => void) {
  onUnauthenticated = fn;
}

function url(path: string, params?: Record<string, unknown>): string {
  let p = path;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    if (p.includes(`{${k}}`)) p = p.replace(`{${k}}`, encodeURIComponent(String(v)));
    else if (Array.isArray(v)) for (const x of v) search.append(k, String(x)); // ?ids=1&ids=2
    else search.set(k, String(v));
  }
  const qs = search.toString();
  return `/api/v1${p}${qs ? `?${qs}` : ''}`;
}

/** The browser URL of an API path, for links that open in a new tab (printing). */
export function apiUrl(path: string, params?: Record<string, unknown>): string {
  return url(path, params);
}

async function send(method: string, path: string, params?: Record<string, unknown>, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url(path, params), {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Accept-Language': language,
      'X-Requested-With': 'aftersales',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
    if (res.status === 401 && !path.startsWith('/auth/')) onUnauthenticated();
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.details ?? {});
  }
  return data;
}

/** GET a typed API path; path parameters ({id}) and query share one params object. */
export function apiGet<P extends PathsWith<'get'>>(path: P, params?: Query<P> | Record<string, unknown>): Promise<Res<P>> {
  return send('GET', path, params as Record<string, unknown>) as Promise<Res<P>>;
}

/** POST a typed body; documents get an Idempotency-Key so a retried click posts once. */
export function apiPost<P extends PathsWith<'post'>>(path: P, body: Body<P>, opts: { params?: Record<string, unknown>; idempotencyKey?: string } = {}): Promise<Res<P, 'post'>> {
  const headers: Record<string, string> = opts.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : {};
  return send('POST', path, opts.params, body ?? {}, headers) as Promise<Res<P, 'post'>>;
}

type PatchBody<P extends PathsWith<'patch'>> = Op<Full<P>, 'patch'> extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

/** PATCH a typed body (path parameters such as {id} go in params). */
export function apiPatch<P extends PathsWith<'patch'>>(path: P, body: PatchBody<P>, params?: Record<string, unknown>): Promise<Res<P, 'patch'>> {
  return send('PATCH', path, params, body) as Promise<Res<P, 'patch'>>;
}

/** A fresh idempotency key for one attempt to post a document. */
export function newIdempotencyKey(): string {
  // crypto.randomUUID needs a secure context; plain http on a LAN address is common here.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
