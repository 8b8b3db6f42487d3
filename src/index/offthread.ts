// File work on worker threads, so that it neither waits for nor occupies the main thread (which loads the
// model and decodes the index at start-up). Each call gets a worker of its own: CommonJS evaluated from
// the string below, so it needs no file of its own next to the bundle, loading xxhash-wasm's CommonJS
// build where it hashes (the digests are those of checksum.ts).
//   hash: the streamed hash of one file;
//   read: each file read whole into an ArrayBuffer of its own and hashed, then handed over (transferred,
//         not copied), one message per file, in order;
//   stat: size and modification time of many files.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createReadStream, openSync, fstatSync, readSync, closeSync, statSync } = require('node:fs');
const path = require('node:path');
const PIECE = 1 << 20;
const hex = (h) => h.toString(16).padStart(16, '0');
const failure = (e) => ({ error: String((e && e.message) || e) });
function readWhole(file) {
  const fd = openSync(file, 'r');
  try {
    const bytes = new Uint8Array(fstatSync(fd).size);
    let at = 0;
    for (let n; at < bytes.length && (n = readSync(fd, bytes, at, bytes.length - at, at)) > 0; ) at += n;
    return at === bytes.length ? bytes : bytes.slice(0, at);
  } finally {
    closeSync(fd);
  }
}
async function run() {
  if (workerData.op === 'stat') {
    const out = new Float64Array(2 * workerData.names.length).fill(NaN);
    workerData.names.forEach((name, i) => {
      const st = statSync(path.join(workerData.dir, name), { throwIfNoEntry: false });
      if (st) (out[2 * i] = st.size), (out[2 * i + 1] = st.mtimeMs);
    });
    parentPort.postMessage(out, [out.buffer]);
    return;
  }
  const api = await require(workerData.xxhash)();
  if (workerData.op === 'hash') {
    const h = api.create64();
    for await (const chunk of createReadStream(workerData.file, { highWaterMark: 8 << 20 })) h.update(chunk);
    parentPort.postMessage(hex(h.digest()));
    return;
  }
  for (const file of workerData.files) {
    let bytes;
    try {
      bytes = readWhole(file);
    } catch (e) {
      parentPort.postMessage(failure(e));
      continue;
    }
    const h = api.create64();
    for (let at = 0; at < bytes.length; at += PIECE) h.update(bytes.subarray(at, at + PIECE));
    parentPort.postMessage({ bytes, checksum: hex(h.digest()) }, [bytes.buffer]);
  }
}
run().catch((e) => parentPort.postMessage(failure(e)));
`;

function startWorker(data: Record<string, unknown>): Worker {
  return new Worker(WORKER, { eval: true, workerData: { ...data, xxhash: createRequire(import.meta.url).resolve('xxhash-wasm') } });
}

/** The one answer of a worker that sends one message. */
function oneAnswer<T>(data: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(data);
    worker.once('message', (m: T | { error: string }) => {
      void worker.terminate();
      if (m !== null && typeof m === 'object' && 'error' in m) reject(new Error(m.error));
      else resolve(m as T);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${String(data.op)} worker exited with code ${code}`)));
  });
}

/**
 * fileChecksum (checksum.ts) on a worker thread: a large file (the HNSW graph, 220 MB at 100k passages)
 * is verified while the main thread decodes the rest of the index (~0.1 s of main-thread time at that size).
 */
export function fileChecksumOffThread(file: string): Promise<string> {
  return oneAnswer<string>({ op: 'hash', file });
}

/**
 * Reads each file whole on a worker thread, in the order given, with its checksum (as `checksum` of the
 * bytes gives it): one promise per file, settled as soon as that file is read. The main thread neither
 * copies nor hashes the bytes (~0.3 s of it at 100k passages), and a file is not held up by the main
 * thread being busy. The buffers are 8-byte aligned (each its own ArrayBuffer).
 */
export function readFilesOffThread(files: string[]): Promise<{ bytes: Buffer; checksum: string }>[] {
  const settlers: { resolve: (v: { bytes: Buffer; checksum: string }) => void; reject: (e: Error) => void }[] = [];
  const results = files.map(() => new Promise<{ bytes: Buffer; checksum: string }>((resolve, reject) => settlers.push({ resolve, reject })));
  let next = 0;
  const fail = (e: Error) => {
    while (next < settlers.length) settlers[next++]!.reject(e);
  };
  const worker = startWorker({ op: 'read', files });
  worker.on('message', (m: { bytes: Uint8Array; checksum: string } | { error: string }) => {
    const s = settlers[next++];
    if (!s) return;
    if ('error' in m) s.reject(new Error(m.error));
    else s.resolve({ bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), checksum: m.checksum });
  });
  worker.once('error', fail);
  // Messages sent before the worker ended arrive before this: whatever is still pending was never read.
  worker.once('exit', (code) => fail(new Error(`file reader worker exited with code ${code}`)));
  return results;
}

/**
 * Size and modification time (ms) of `dir`/name for each name, as [size, mtimeMs] pairs; NaN, NaN for a
 * name that does not exist. On a worker thread: 15k stat calls are ~0.15 s of start-up at 100k passages.
 */
export async function statsOffThread(dir: string, names: string[]): Promise<Float64Array> {
  return oneAnswer<Float64Array>({ op: 'stat', dir, names });
}
