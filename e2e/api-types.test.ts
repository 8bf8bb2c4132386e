// The web client's generated API types must match what the server describes (R-PLT-3): a route
// or schema change without `npm run gen:api` fails here.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { generate } from '../scripts/gen-api-types.js';
import { ROOT } from './harness.js';

it('web/src/api/openapi.json and schema.d.ts are up to date (npm run gen:api)', async () => {
  const { json, dts } = await generate();
  const read = (f: string) => fs.readFileSync(path.join(ROOT, 'web/src/api', f), 'utf8');
  expect(read('openapi.json') === json, 'openapi.json is stale: run npm run gen:api').toBe(true);
  expect(read('schema.d.ts') === dts, 'schema.d.ts is stale: run npm run gen:api').toBe(true);
});
