// normalizeText skips opencc-js for text holding no character a traditional→simplified entry changes:
// the skip must never change a result.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { indexInputs } from '../src/index/inputs.js';
import { converterVersion, mayBeTraditional, normalizeText } from '../src/text/normalize.js';
import { normalizeNumbers } from '../src/text/numbers.js';
import { TRADITIONAL_MARKS } from '../src/text/traditional-marks.js';
import { CORPUS, SEEDS } from './helpers/fs.js';
import { traditionalMarks } from './helpers/traditional-marks.js';

const convert = Converter({ from: 't', to: 'cn' });
const always = (text: string) => normalizeNumbers(convert(text.normalize('NFKC')));

describe('traditional → simplified only where needed', () => {
  it('ships the change marks of the installed opencc-js (else: npx tsx test/helpers/traditional-marks.ts)', () => {
    expect(TRADITIONAL_MARKS).toBe(traditionalMarks());
    // Pinned exactly, so no install floats to dictionaries the marks were not made from; and the index
    // manifest records the version, so an upgrade rebuilds the index terms.
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['opencc-js']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(converterVersion()).toBe(`opencc-js@${pkg.dependencies['opencc-js']}:${[...TRADITIONAL_MARKS].length}`);
    expect(indexInputs()['traditional-converter']).toBe(converterVersion());
  });

  it('converts traditional text and leaves simplified text alone, as converting always would', () => {
    for (const text of ['永川區委書記是誰？', '綫上會議', '反覆強調', '乾隆年間', '一口吃個胖子', '覆盖全区', '永川区委书记是谁？', 'Hello 123']) {
      expect(normalizeText(text)).toBe(always(text));
    }
    expect(mayBeTraditional('永川区委书记是谁？')).toBe(false);
    expect(mayBeTraditional('永川區委書記')).toBe(true);
  });

  it('finds every single character the converter changes, and every line of the coverage converts alike', () => {
    const missed: string[] = [];
    for (let cp = 0x3400; cp <= 0x9fff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (convert(ch) !== ch && !mayBeTraditional(ch)) missed.push(ch);
    }
    expect(missed).toEqual([]);
    for (const file of SEEDS) {
      for (const line of readFileSync(path.join(CORPUS, file), 'utf8').split('\n')) expect(normalizeText(line)).toBe(always(line));
    }
  });
});

describe('Chinese numerals', () => {
  it('become digits in dates and before a measure word, only where they spell a number', () => {
    expect(normalizeText('二〇二四年四月二十三日')).toBe('2024年4月23日');
    expect(normalizeText('新增二十三家企业，一百零五个项目')).toBe('新增23家企业,105个项目'); // NFKC folds full-width commas
    // A run of digits is an estimate or two words, not a number: 三四家 is "three or four", 唯一一家 "the only one".
    expect(normalizeText('唯一一家地方法人银行')).toBe('唯一一家地方法人银行');
    expect(normalizeText('来了三四家企业、五六个剧组')).toBe('来了三四家企业、五六个剧组');
    // 几十, 数十, 上千, 近百 are estimates too; a plain 二十 is a number.
    expect(normalizeText('投资几十亿元，用了数十年，上千家企业')).toBe('投资几十亿元,用了数十年,上千家企业');
    expect(normalizeText('二十家企业')).toBe('20家企业');
    // A round figure and 多/余 before the measure word: the figure in digits, the 多 kept.
    expect(normalizeText('开了一千八百多列，三十余家企业')).toBe('开了1800多列,30余家企业');
    expect(normalizeText('好多列车')).toBe('好多列车');
    // Set phrases keep their numerals.
    expect(normalizeText('一带一路、十四五')).toBe('一带一路、十四五');
  });
});
