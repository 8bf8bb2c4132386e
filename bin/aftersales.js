#!/usr/bin/env -S node --max-old-space-size=512
// The heap cap (also in package.json's start script): with node's default limit of several GB,
// V8 lets a busy server's old space grow with garbage it has no reason to collect yet (peak RSS
// 320–360 MB under 32 writing connections); capped at 512 MB it collects sooner and peaks near
// 210 MB at the same throughput (docs/benchmarks.md). Big exports and the demo load fit well under it.
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
