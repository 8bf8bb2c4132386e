// A JSON null clears a field: it is not coerced to "" or 0 on the way in (Ajv coerces inside
// anyOf branch by branch, so the null branch must come first; server.ts puts it there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, seedBasics, type TestApp } from '../harness.js';

describe(`null clears a field (${dialect})`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedBasics>>;
  beforeAll(async () => {
    t = await createTestApp();
    s = await seedBasics(t);
  });
  afterAll(async () => t?.close());

  it('PATCH /parts/:id with spec, category, barcode, salePrice and alarmQty null stores nulls', async () => {
    const before = (await t.api.get(`/parts/${s.part.id}`)).body;
    const set = await t.api.patch(`/parts/${s.part.id}`, { version: before.version, category: '轮胎', barcode: '6901234567892', alarmQty: 5 });
    expect(set.status).toBe(200);
    const cleared = await t.api.patch(`/parts/${s.part.id}`, { version: set.body.version, spec: null, category: null, barcode: null, salePrice: null, alarmQty: null });
    expect(cleared.status).toBe(200);
    const after = (await t.api.get(`/parts/${s.part.id}`)).body;
    expect(after).toMatchObject({ spec: null, category: null, barcode: null, salePrice: null, alarmQty: null });
  });

  it('every anyOf with null in the request schemas has null first', async () => {
    const doc = (await t.api.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const late: string[] = [];
    const walk = (o: unknown, at: string): void => {
      if (!o || typeof o !== 'object') return;
      const anyOf = (o as { anyOf?: { type?: string }[] }).anyOf;
      if (Array.isArray(anyOf) && anyOf.findIndex((b) => b?.type === 'null') > 0) late.push(at);
      for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
    };
    for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
      const { requestBody, parameters } = op as { requestBody?: unknown; parameters?: unknown };
      walk({ requestBody, parameters }, `${method} ${path}`);
    }
    expect(late).toEqual([]);
  });
});
