// The terminal chat (`npm start` without a token) understands the bot's commands and follow-ups.
import { execFile } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { GUIDE, MESSAGES } from '../src/present/messages.js';
import { scriptArgs } from './helpers/cli.js';
import { copyCorpus, removeTempDirs, tempDir } from './helpers/fs.js';

afterAll(removeTempDirs);

function chat(input: string, lang: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      scriptArgs('start'),
      {
        cwd: tempDir('cwd-'),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: tempDir('home-'),
          LANG: lang,
          CORPUS_DIR: copyCorpus(), // the shipped articles, whatever else corpus/ holds
          EMBEDDINGS_DIR: tempDir('index-'),
          MODEL_DIR: tempDir('nomodel-'),
          ALLOW_MODEL_DOWNLOAD: 'false',
          LOG_LEVEL: 'error',
        },
        timeout: 60_000,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
    child.stdin!.end(input);
  });
}

it('answers /help, /start and unknown commands like the bot, and completes follow-ups', async () => {
  const r = await chat('/help\n/start\n/foo\n永川区委书记是谁？\n那梁平呢？\n/ask 荣昌区委书记是谁？\n', 'zh_CN.UTF-8');
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain(GUIDE.zh.terminal);
  expect(r.stdout).toContain('我根据 5 篇新闻报道');
  expect(r.stdout).toContain(MESSAGES.zh.unknownCommand);
  expect(r.stdout).toContain('张智奎');
  expect(r.stdout).toContain(MESSAGES.zh.followup('梁平区委书记是谁？'));
  expect(r.stdout).toContain('钱建超');
  // /ask 问题, as in a group, asks it: only /foo is an unknown command.
  expect(r.stdout.split(MESSAGES.zh.unknownCommand)).toHaveLength(2);
  expect(r.stdout).toContain('最相关的一句： 荣昌区委书记高洪波');
}, 60_000);

it("says what a bare /ask lacks, and that the editors' commands are Telegram's", async () => {
  const r = await chat('/ask\n/stats\n/reload\n', 'zh_CN.UTF-8');
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('请在 /ask 后面写上问题，例如：/ask ');
  expect(r.stdout).toContain(MESSAGES.zh.telegramOnly('stats'));
  expect(r.stdout).toContain(MESSAGES.zh.telegramOnly('reload'));
  expect(r.stdout).not.toContain(MESSAGES.zh.unknownCommand);
}, 60_000);

it('speaks English to an English locale', async () => {
  const r = await chat('/help\n', 'en_US.UTF-8');
  expect(r.stdout).toContain(GUIDE.en.terminal);
}, 60_000);
