#!/usr/bin/env node
// The CLI entry. The compiled server in dist/ (made by `npm start`'s prestart) runs on plain
// node while it is at least as new as the sources; otherwise the TypeScript sources run through
// tsx's loader, so an edit is never shadowed by an old build.
import { serverBuildFresh } from '../scripts/server-build.mjs';

if (process.env.AFTERSALES_FROM_SOURCE !== '1' && serverBuildFresh()) {
  await import('../dist/src/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
