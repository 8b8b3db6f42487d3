// Can the embedding model be had? Decided before importing transformers.js, whose module graph (ONNX
// Runtime, sharp) costs ~0.3 s of CPU at every start: a local copy is a few stat calls, and a download
// is only attempted when the model hub's name resolves (offline, that fails in milliseconds).
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ProbeOptions {
  model: string;
  quantized: boolean;
  /** MODEL_DIR: when set, the model must be there and nothing is downloaded. */
  localDir?: string | undefined;
  cacheDir: string;
  allowDownload: boolean;
  /** Host the files would come from (transformers.js's default hub). */
  hubHost?: string;
  /** How long the name lookup may take before the hub counts as unreachable. */
  lookupTimeoutMs?: number;
}

export type Probe = { status: 'local' } | { status: 'download' } | { status: 'unavailable'; problem: string };

/** The files transformers.js reads for a feature-extraction model, relative to `<dir>/<model>/`. */
export function modelFiles(quantized: boolean): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/${quantized ? 'model_quantized' : 'model'}.onnx`];
}

export function hasLocalModel(dir: string, model: string, quantized: boolean): boolean {
  return modelFiles(quantized).every((f) => existsSync(path.join(dir, model, f)));
}

export async function probeModel(opts: ProbeOptions): Promise<Probe> {
  const dir = opts.localDir ?? opts.cacheDir;
  if (hasLocalModel(dir, opts.model, opts.quantized)) return { status: 'local' };
  if (opts.localDir) return { status: 'unavailable', problem: `model "${opts.model}" was not found under MODEL_DIR (${opts.localDir}/${opts.model}/)` };
  if (!opts.allowDownload) {
    return { status: 'unavailable', problem: `model "${opts.model}" is not in the cache (${opts.cacheDir}) and downloading is switched off` };
  }
  const host = opts.hubHost ?? 'huggingface.co';
  const { lookup } = await import('node:dns/promises'); // only here: most starts find a local model or none
  let timer: NodeJS.Timeout | undefined;
  const reachable = await Promise.race([
    lookup(host).then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), opts.lookupTimeoutMs ?? 3000);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
  return reachable
    ? { status: 'download' }
    : { status: 'unavailable', problem: `model "${opts.model}" is not cached and could not be downloaded (no connection to the model hub)` };
}
