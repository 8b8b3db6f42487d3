// File work on worker threads, so that it neither waits for nor occupies the main thread (which loads the
// model and decodes the index at start-up). Each call gets a worker of its own: CommonJS evaluated from
// the string below, so it needs no file of its own next to the bundle, loading xxhash-wasm's CommonJS
// build where it hashes (the digests are those of checksum.ts).
//   hash: the streamed hash of one file;
//   read: files read whole into an ArrayBuffer of their own and hashed, then handed over (transferred,
//         not copied), then files only hashed (streamed), one message per file, in that order;
//   stat: size and modification time of many files.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { checksum } from './checksum.js';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, fstatSync, readSync, closeSync, statSync } = require('node:fs');
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
function hashBytes(api, bytes) {
  const h = api.create64();
  for (let at = 0; at < bytes.length; at += PIECE) h.update(bytes.subarray(at, at + PIECE));
  return h;
}
// Streamed through one buffer: no fresh memory (and page faults) per piece.
function hashFile(api, file) {
  const fd = openSync(file, 'r');
  try {
    const buffer = new Uint8Array(8 << 20);
    const h = api.create64();
    for (let pos = 0, n; (n = readSync(fd, buffer, 0, buffer.length, pos)) > 0; pos += n) {
      for (let at = 0; at < n; at += PIECE) h.update(buffer.subarray(at, Math.min(n, at + PIECE)));
    }
    return hex(h.digest());
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
    parentPort.postMessage(hashFile(api, workerData.file));
    return;
  }
  for (const file of workerData.read) {
    let bytes;
    try {
      bytes = readWhole(file);
    } catch (e) {
      parentPort.postMessage(failure(e));
      continue;
    }
    parentPort.postMessage({ bytes, checksum: hex(hashBytes(api, bytes).digest()) }, [bytes.buffer]);
  }
  for (const file of workerData.hash) {
    try {
      parentPort.postMessage(hashFile(api, file));
    } catch (e) {
      parentPort.postMessage(failure(e));
    }
  }
}
run().catch((e) => parentPort.postMessage(failure(e)));
`;

function startWorker(data: Record<string, unknown>): Worker {
  const load = createRequire(import.meta.url);
  const { Worker } = load('node:worker_threads') as typeof import('node:worker_threads'); // loaded with the first worker, not at start-up
  return new Worker(WORKER, { eval: true, workerData: { ...data, xxhash: load.resolve('xxhash-wasm') } });
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
 * On one worker thread: reads each file of `read` whole, with its checksum (as `checksum` of the bytes
 * gives it), then hashes each file of `hash` without sending its bytes; one promise per file, settled as
 * soon as that file is done. The main thread neither copies nor hashes the bytes (~0.3 s of it at 100k
 * passages), and no file waits for the main thread to be free. The buffers read are 8-byte aligned (each
 * its own ArrayBuffer).
 */
export function readFilesOffThread(read: string[], hash: string[] = []): { reads: Promise<{ bytes: Buffer; checksum: string }>[]; hashes: Promise<string>[] } {
  const settlers: { resolve: (m: unknown) => void; reject: (e: Error) => void }[] = [];
  const settled = <T>() => new Promise<T>((resolve, reject) => settlers.push({ resolve: resolve as (m: unknown) => void, reject }));
  const reads = read.map(() => settled<{ bytes: Buffer; checksum: string }>());
  const hashes = hash.map(() => settled<string>());
  let next = 0;
  const fail = (e: Error) => {
    while (next < settlers.length) settlers[next++]!.reject(e);
  };
  const worker = startWorker({ op: 'read', read, hash });
  worker.on('message', (m: { bytes: Uint8Array; checksum: string } | string | { error: string }) => {
    const s = settlers[next++];
    if (!s) return;
    if (typeof m === 'string') s.resolve(m);
    else if ('error' in m) s.reject(new Error(m.error));
    else s.resolve({ bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), checksum: m.checksum });
  });
  worker.once('error', fail);
  // Messages sent before the worker ended arrive before this: whatever is still pending was never done.
  worker.once('exit', (code) => fail(new Error(`file reader worker exited with code ${code}`)));
  return { reads, hashes };
}

/**
 * What readFilesOffThread does, on this thread: for small files, which take less than starting a worker
 * (~40 ms). Read synchronously: a few small reads cost less than a round trip through the thread pool
 * each, and hashing them whole needs no stream (the digests are those of fileChecksum).
 */
export function readFilesHere(read: string[], hash: string[] = []): ReturnType<typeof readFilesOffThread> {
  const settle = <T>(f: () => T): Promise<T> => {
    try {
      return Promise.resolve(f());
    } catch (e) {
      return Promise.reject(e as Error);
    }
  };
  return {
    reads: read.map((file) => settle(() => {
      const bytes = readFileSync(file);
      return { bytes, checksum: checksum(bytes) };
    })),
    hashes: hash.map((file) => settle(() => checksum(readFileSync(file)))),
  };
}

/**
 * Size and modification time (ms) of `dir`/name for each name, as [size, mtimeMs] pairs; NaN, NaN for a
 * name that does not exist. On a worker thread: 15k stat calls are ~0.15 s of start-up at 100k passages.
 */
export async function statsOffThread(dir: string, names: string[]): Promise<Float64Array> {
  return oneAnswer<Float64Array>({ op: 'stat', dir, names });
}
