import type { Engine } from '../search/engine.js';
import type { EvalItem } from './dataset.js';
export async function fitDecision(_e: Engine, _items: EvalItem[], _out: (l: string) => void): Promise<never> {
  throw new Error('not yet');
}
