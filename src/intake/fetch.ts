// Fetching a page for /add: http(s) only, a time limit for the whole download, a size limit enforced
// while reading, redirects followed by hand (at most 5) so that every hop is checked, and addresses in
// private, loopback and link-local ranges refused unless allowed (a bot on a server must not become a
// way into the server's network).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { IntakeError } from './extract.js';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
}

export class PrivateAddressError extends IntakeError {}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) blocked.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) return blocked.check(ip, 'ipv4');
  if (v === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    return mapped ? blocked.check(mapped[1]!, 'ipv4') : blocked.check(ip, 'ipv6');
  }
  return true;
}

/** The URL if it is an absolute http(s) address, else undefined. */
export function parseHttpUrl(raw: string): URL | undefined {
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

async function checkHost(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new IntakeError(`cannot resolve ${host}`);
  if (addresses.some(isPrivateAddress)) throw new PrivateAddressError('private address');
}

export interface FetchedPage {
  url: string;
  html: string;
}

export async function fetchPage(raw: string, limits: FetchLimits): Promise<FetchedPage> {
  let url = parseHttpUrl(raw);
  if (!url) throw new IntakeError('only http and https addresses can be added');
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    for (let hop = 0; hop <= 5; hop++) {
      await checkHost(url, limits.allowPrivate);
      const res = await fetch(url, { redirect: 'manual', signal, headers: { accept: 'text/html,application/xhtml+xml' } });
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel();
        const next = parseHttpUrl(new URL(res.headers.get('location')!, url).href);
        if (!next) throw new IntakeError('redirected to an address that is not http(s)');
        url = next;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new IntakeError(`the server answered ${res.status}`);
      }
      const type = res.headers.get('content-type') ?? '';
      if (type && !/html|xml|text\/plain/i.test(type)) {
        await res.body?.cancel();
        throw new IntakeError(`not a web page (${type.split(';')[0]})`);
      }
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > limits.maxBytes) {
        await res.body?.cancel();
        throw new IntakeError('the page is too large');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body ?? []) {
        size += (chunk as Uint8Array).length;
        if (size > limits.maxBytes) throw new IntakeError('the page is too large');
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
      const charset = /charset=([\w-]+)/i.exec(type)?.[1] ?? 'utf-8';
      let html: string;
      try {
        html = new TextDecoder(charset).decode(Buffer.concat(chunks));
      } catch {
        html = Buffer.concat(chunks).toString('utf8');
      }
      return { url: url.href, html };
    }
    throw new IntakeError('too many redirects');
  } catch (e) {
    if (e instanceof IntakeError) throw e;
    if ((e as Error).name === 'TimeoutError' || signal.aborted) throw new IntakeError(`no complete answer within ${Math.round(limits.timeoutMs / 1000)} s`);
    throw new IntakeError((e as Error).message);
  }
}

/** Downloads a file the Bot API serves (a document sent to the bot), within the same limits. */
export async function downloadFile(url: URL, limits: Omit<FetchLimits, 'allowPrivate'>): Promise<Buffer> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IntakeError('the Bot API gave no downloadable file');
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const res = await fetch(url, { signal });
    if (!res.ok) {
      await res.body?.cancel();
      throw new IntakeError(`download failed (${res.status})`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > limits.maxBytes) throw new IntakeError('the file is too large');
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  } catch (e) {
    if (e instanceof IntakeError) throw e;
    // Never the message of a fetch error as is: the download URL holds the bot token.
    throw new IntakeError((e as Error).name === 'TimeoutError' ? 'download timed out' : 'download failed');
  }
}
