// Hostile corpus input: special files (FIFO, device, socket, links to them), oversized files, and text in
// encodings that decode "validly" as GB18030 but are not Chinese (Shift-JIS, EUC-KR) are skipped with
// a message naming the file; the rest of the corpus loads, and nothing hangs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decodeText, implausible } from '../src/corpus/decode.js';
import { loadCorpus, setCorpusLimits } from '../src/corpus/load.js';
import { indexIsCurrent, ingest } from '../src/index/ingest.js';
import { CORPUS, SEEDS, removeTempDirs, tempDir } from './helpers/fs.js';
import { encodeGbk } from './helpers/gbk.js';
import { encodeLegacy } from './helpers/legacy.js';

afterAll(removeTempDirs);
afterEach(() => setCorpusLimits({ maxFileBytes: 4 * 1024 * 1024 }));

const KO =
  '서울시는 올해 대중교통 요금을 인상하기로 결정했다고 밝혔다. 시는 지하철과 버스의 기본 요금을 각각 150원씩 올릴 계획이며, 이는 최근 몇 년 동안 누적된 운영 적자를 줄이기 위한 조치라고 설명했다. 시민들은 물가가 계속 오르는 상황에서 교통비까지 인상되면 부담이 커질 것이라며 우려를 나타냈다. 전문가들은 요금 인상과 함께 서비스 질을 높이는 방안도 마련해야 한다고 지적했다.';
const JA =
  '東京都は今年、公共交通機関の運賃を引き上げることを決定したと発表した。都は地下鉄とバスの基本運賃をそれぞれ十円ずつ引き上げる計画で、これは近年積み重なった運営赤字を減らすための措置だと説明した。市民からは物価が上がり続ける中で交通費まで上がれば負担が大きくなるとの懸念の声が上がっている。専門家は運賃の引き上げとともにサービスの質を高める方策も用意すべきだと指摘した。';

function corpusWithSeed(): string {
  const dir = tempDir('input-');
  copyFileSync(path.join(CORPUS, SEEDS[0]), path.join(dir, SEEDS[0]));
  return dir;
}

describe('special and oversized files', () => {
  it('skips a FIFO, a link to /dev/zero, a socket and a link to a FIFO without opening them', async () => {
    const dir = corpusWithSeed();
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    symlinkSync(path.join(dir, 'pipe.txt'), path.join(dir, 'linked-pipe.md'));
    const sock = net.createServer().listen(path.join(dir, 'sock.txt'));
    await new Promise((r) => sock.once('listening', r));
    try {
      const { articles, problems } = await loadCorpus(dir);
      expect(articles.map((a) => a.meta.file)).toEqual([SEEDS[0]]);
      const byFile = Object.fromEntries(problems.map((p) => [p.file, p.message]));
      expect(byFile['pipe.txt']).toBe('pipe.txt: is a FIFO, not a regular file; skipped');
      expect(byFile['linked-pipe.md']).toBe('linked-pipe.md: is a FIFO, not a regular file; skipped');
      expect(byFile['zero.txt']).toBe('zero.txt: is a device, not a regular file; skipped');
      expect(byFile['sock.txt']).toBe('sock.txt: is a socket, not a regular file; skipped');
    } finally {
      sock.close();
    }
  });

  it('an ingest with a FIFO and a link to /dev/zero in the corpus finishes, reporting both, and stays current', async () => {
    const dir = corpusWithSeed();
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
    const opts = {
      corpusDir: dir,
      indexDir: tempDir('input-index-'),
      chunker: { maxChars: 400, overlapChars: 60 },
      hnsw: { m: 16, efConstruction: 200, efSearch: 64 },
      embedder: undefined,
    };
    const report = await ingest(opts);
    expect(report.articles).toBe(1);
    expect(report.problems.map((p) => p.file).sort()).toEqual(['pipe.txt', 'zero.md']);
    expect(typeof (await indexIsCurrent(opts))).toBe('boolean'); // answers, never blocks on the FIFO
  });

  it('skips files over CORPUS_MAX_FILE_BYTES, naming the file and the limit', async () => {
    const dir = corpusWithSeed();
    writeFileSync(path.join(dir, 'big.txt'), '重庆'.repeat(5000));
    setCorpusLimits({ maxFileBytes: 20_000 });
    const { articles, problems } = await loadCorpus(dir);
    expect(articles.map((a) => a.meta.file)).toEqual([SEEDS[0]]);
    expect(problems).toEqual([{ file: 'big.txt', message: 'big.txt: is 30000 bytes, over CORPUS_MAX_FILE_BYTES (20000); skipped' }]);
  });

  it('skips an oversized sidecar the same way', async () => {
    const dir = corpusWithSeed();
    writeFileSync(path.join(dir, SEEDS[0].replace('.txt', '.meta.yaml')), `title: ${'长'.repeat(10_000)}\n`);
    setCorpusLimits({ maxFileBytes: 20_000 });
    const { articles, problems } = await loadCorpus(dir);
    expect(articles).toEqual([]);
    expect(problems[0]!.message).toMatch(/\.meta\.yaml: is \d+ bytes, over CORPUS_MAX_FILE_BYTES/);
  });
});

describe('encodings that are not Chinese or English', () => {
  const chinese = readFileSync(path.join(CORPUS, SEEDS[0]), 'utf8');

  it('refuses Shift-JIS and EUC-KR text that GB18030 would decode as mojibake', () => {
    const gb = (b: Uint8Array) => new TextDecoder('gb18030', { fatal: true }).decode(b);
    const sjis = encodeLegacy(JA + JA, 'shift_jis');
    const euckr = encodeLegacy(KO + KO, 'euc-kr');
    // The trap: both are valid GB18030.
    expect(() => gb(sjis)).not.toThrow();
    expect(() => gb(euckr)).not.toThrow();
    expect(() => decodeText('ja.txt', sjis)).toThrow(/^ja\.txt: decoded as gb18030, decodes mostly to rare characters .*Shift-JIS/);
    expect(() => decodeText('ko.txt', euckr)).toThrow(/^ko\.txt: decoded as gb18030, decodes to characters in no Chinese order .*EUC-KR/);
  });

  it('refuses Japanese and Korean text in UTF-8, and invalid UTF-16', () => {
    // Already Unicode: the language is the matter, and converting the file would not help.
    expect(() => decodeText('ja.txt', Buffer.from(JA))).toThrow(/^ja\.txt: reads as Japanese text, not Chinese or English; only Chinese and English articles are indexed$/);
    expect(() => decodeText('ko.txt', Buffer.from(KO))).toThrow(/^ko\.txt: reads as Korean text.*only Chinese and English articles are indexed$/);
    const broken = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x00, 0xd8, 0x41, 0x00])]); // lone surrogate
    expect(() => decodeText('u16.txt', broken)).toThrow(/^u16\.txt: starts with a UTF-16LE byte order mark but is not valid/);
  });

  it('accepts every seed article in UTF-8 and GBK, traditional Chinese, and English', () => {
    for (const file of SEEDS) {
      const text = readFileSync(path.join(CORPUS, file), 'utf8');
      expect(implausible(text), file).toBeUndefined();
      expect(decodeText(file, encodeGbk(text)).text).toBe(text);
    }
    const traditional = '重慶市政府今日宣佈，將在未來三年內投資建設軌道交通新線路，進一步完善城市公共交通網絡。這是該市近年來規模最大的基礎設施項目之一，預計將帶動相關產業發展。'.repeat(3);
    expect(implausible(traditional)).toBeUndefined();
    expect(decodeText('trad.txt', Buffer.from(traditional)).text).toBe(traditional);
    expect(implausible('The city council approved the new budget on Monday. '.repeat(20))).toBeUndefined();
    // A Chinese article quoting a Japanese name in kana stays acceptable.
    expect(implausible(chinese + '（日文：トヨタ）')).toBeUndefined();
  });

  it('loadCorpus skips the Shift-JIS file by name and keeps the rest', async () => {
    const dir = corpusWithSeed();
    writeFileSync(path.join(dir, 'ja.txt'), encodeLegacy(JA + JA, 'shift_jis'));
    const { articles, problems } = await loadCorpus(dir);
    expect(articles.map((a) => a.meta.file)).toEqual([SEEDS[0]]);
    expect(problems.map((p) => p.file)).toEqual(['ja.txt']);
  });
});
