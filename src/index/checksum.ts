// Content checksums of index files and index inputs: xxHash64 (xxhash-wasm), a fast non-cryptographic
// hash — it guards against damage (flipped bytes, truncation, swapped files), not against an attacker
// who can write embeddings/ anyway. GB/s in memory; files are streamed in 8 MiB pieces (~25% faster
// than 1 MiB here, and no 220 MB buffer for a 100k-passage graph).
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import xxhash from 'xxhash-wasm';

// Instantiating the wasm module takes well under a millisecond; doing it at import keeps callers sync.
const api = await xxhash();

const hex = (h: bigint) => h.toString(16).padStart(16, '0');

/** Bytes are hashed in pieces of this size: the same digest, without growing the wasm memory to the size of the input and copying all of it (8 MB at once: ~20 ms, in pieces: ~7 ms). */
const PIECE = 1 << 20;

/** xxHash64 of bytes or of a string's UTF-8, as 16 hex digits. */
export function checksum(data: Uint8Array | string): string {
  if (typeof data === 'string') return hex(api.h64(data));
  if (data.length <= PIECE) return hex(api.h64Raw(data));
  const h = api.create64();
  for (let at = 0; at < data.length; at += PIECE) h.update(data.subarray(at, at + PIECE));
  return hex(h.digest());
}

/** xxHash64 of a file, streamed (the HNSW graph can be gigabytes). */
export async function fileChecksum(file: string): Promise<string> {
  const h = api.create64();
  for await (const chunk of createReadStream(file, { highWaterMark: 8 << 20 })) h.update(chunk as Buffer);
  return hex(h.digest());
}

// Work on a worker thread: a worker of its own per call (CommonJS, evaluated from this string, so it
// needs no file of its own next to the bundle) loading xxhash-wasm's CommonJS build.
//   hash: the streamed hash of one file;
//   read: each file read whole into an ArrayBuffer of its own and hashed, then handed over (transferred,
//         not copied) one message per file, in order — the reads progress without waiting for the main
//         thread, which is busy loading the model at start-up.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createReadStream, openSync, fstatSync, readSync, closeSync } = require('node:fs');
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
require(workerData.xxhash)().then(async (api) => {
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
}).catch((e) => parentPort.postMessage(failure(e)));
`;

function startWorker(data: Record<string, unknown>): Worker {
  return new Worker(WORKER, { eval: true, workerData: { ...data, xxhash: createRequire(import.meta.url).resolve('xxhash-wasm') } });
}

/**
 * fileChecksum on a worker thread: a large file (the HNSW graph, 220 MB at 100k passages) is verified
 * while the main thread decodes the rest of the index (~0.1 s of main-thread time at that size).
 */
export function fileChecksumOffThread(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ op: 'hash', file });
    worker.once('message', (m: string | { error: string }) => {
      void worker.terminate();
      if (typeof m === 'string') resolve(m);
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`checksum worker exited with code ${code}`)));
  });
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
