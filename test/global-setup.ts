// Builds dist/ once before the tests that run the commands as npm does (npm runs the same build as
// the `pre…` hook of start, ask, ingest and eval).
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './helpers/cli.js';

export default function setup(): void {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
