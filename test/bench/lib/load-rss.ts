// Child process for the scale section: loads one HNSW file with the project's VectorIndex and prints
// how much the process grew. A fresh process is the only clean memory figure: inside the benchmark,
// native memory freed by earlier work (ONNX Runtime, old graphs) is reused and hides the growth.
// Usage: node --import tsx test/bench/lib/load-rss.ts <file> <dim>
import { VectorIndex } from '../../../src/index/vector.js';

const [file, dim] = process.argv.slice(2);
if (!file || !dim) throw new Error('usage: load-rss.ts <file> <dim>');
const before = process.memoryUsage().rss;
const t = performance.now();
const index = VectorIndex.load(file, Number(dim), 64);
const ms = performance.now() - t;
const after = process.memoryUsage().rss;
process.stdout.write(JSON.stringify({ rssBefore: before, rssAfter: after, loadMs: ms, size: index.size }) + '\n');
