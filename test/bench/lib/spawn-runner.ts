// The small process spawnNodeLean (spawn.ts) times children from: reads { args, env, cwd, n } as JSON on
// stdin, runs spawnNode n times in sequence, writes { results } (or { error }) as JSON on stdout.
import { spawnNode, type SpawnResult } from './spawn.js';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { args, env, cwd, n } = JSON.parse(input) as { args: string[]; env: NodeJS.ProcessEnv; cwd: string; n: number };
try {
  const results: SpawnResult[] = [];
  for (let i = 0; i < n; i++) results.push(await spawnNode(args, env, cwd));
  process.stdout.write(JSON.stringify({ results }));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: (e as Error).message }));
}
