import type { Config } from '../config.js';
export async function backup(_c: Config, _f: string): Promise<string> {
  throw new Error('not implemented yet');
}
export async function restore(_c: Config, _f: string): Promise<string> {
  throw new Error('not implemented yet');
}
