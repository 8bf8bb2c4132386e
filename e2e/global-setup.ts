// Once per browser-test run: the web app built if stale, and the small demo loaded into one
// SQLite file that every test file's server starts from a copy of (loading the demo took a
// third of a file's start-up). PostgreSQL runs still load their own (harness.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWeb, loadDemo } from './harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The SQLite file with the small demo loaded, to copy; '' when it could not be made. */
    demoSqlite: string;
  }
}

export default function setup(project: TestProject) {
  buildWeb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersales-e2e-demo-'));
  const file = path.join(dir, 'demo.db');
  loadDemo(`sqlite:${file}`);
  project.provide('demoSqlite', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
