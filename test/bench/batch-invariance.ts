// `npx tsx test/bench/batch-invariance.ts [rounds]` — how much a passage's vector depends on its
// batch-mates, measured on the tiny fixture model (the figures behind test/embedder.test.ts's bounds).
// Each round embeds random passages (mixed Chinese/English, 1–120 characters) in random batches of
// random size, through embedPassages (batched by token count), and compares every vector with the
// passage embedded alone. Prints the worst cosine distance and max |Δ| for int8 and fp32.
import { loadEmbedder } from '../../src/embed/embedder.js';
import { FIXTURE_MODELS, TINY_MODEL, removeTempDirs, tempDir } from '../helpers/fs.js';
import { cosine } from '../helpers/embedder.js';
import { Rng } from './lib/prng.js';

const ALPHABET = '永川区委书记张智奎主持会议长江乌江涪陵段水质稳定保持类城镇集中式饮用水源地达标率成渝地区双城经济圈生产总值迈上万亿级新台阶常住人口增长至在打造极和动力取得了显著效威致科技制转向悬架轻量化产品系统领域进展。，、“”ABCdefg 0123456789';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 200);
  const rng = new Rng(20261130);
  const rnd = () => rng.next();
  const text = () => Array.from({ length: 1 + Math.floor(rnd() * 120) }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]).join('');
  for (const quantized of [true, false]) {
    for (const batchBy of ['tokens', 'chars'] as const) {
      const e = await loadEmbedder({
        model: TINY_MODEL, quantized, localDir: FIXTURE_MODELS, cacheDir: tempDir('inv-'), allowDownload: false,
        batchSize: 8, batchBy, timeoutMs: 30_000,
      });
      let worstCos = 0;
      let worstAbs = 0;
      let compared = 0;
      for (let r = 0; r < rounds; r++) {
        const texts = Array.from({ length: 2 + Math.floor(rnd() * 30) }, text);
        const batched = await e.embedPassages(texts);
        for (let i = 0; i < texts.length; i++) {
          const [alone] = await e.embedRaw([texts[i]!]);
          worstCos = Math.max(worstCos, 1 - cosine(batched[i]!, alone!));
          for (let d = 0; d < alone!.length; d++) worstAbs = Math.max(worstAbs, Math.abs(batched[i]![d]! - alone![d]!));
          compared++;
        }
      }
      console.log(`${quantized ? 'int8' : 'fp32'} batched by ${batchBy}: ${compared} passages in ${rounds} rounds, worst 1-cos ${worstCos.toExponential(2)}, worst |Δ| ${worstAbs.toExponential(2)}`);
    }
  }
  removeTempDirs();
}

void main();
