// Running the built commands exactly as package.json's scripts run them (`npm start` is
// `node <flags> dist/start.js`, after the `prestart` build done once by test/global-setup.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The node arguments of an npm script, with the script path made absolute: ["--flag", …, "/…/dist/x.js"]. */
export function scriptArgs(name: 'start' | 'ask' | 'ingest' | 'eval'): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [node, ...args] = scripts[name]!.split(/\s+/);
  if (node !== 'node') throw new Error(`npm script "${name}" does not start with node: ${scripts[name]}`);
  return args.map((a) => (a.endsWith('.js') ? path.join(REPO_ROOT, a) : a));
}
