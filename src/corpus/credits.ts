// Photo credits, as newspapers print them under a picture: "摄/视觉重庆", "特约摄影 …", "记者 … 摄".
import { visualWidth } from '../text/chars.js';

/** A photo credit anywhere in a line (it makes the line a caption). */
export const CREDIT = /(特约摄影|摄影(?:记者)?\s|摄\s*[/／]|[/／]\s*视觉重庆|(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}\s*摄(?![\u4e00-\u9fff])|供图|图片来源)/;

/** A line that is only a credit ("记者 李雨恒 摄/视觉重庆"): it belongs to the caption printed before it. */
export function isBareCredit(text: string): boolean {
  const t = text.trim();
  return CREDIT.exec(t)?.index === 0 && visualWidth(t) <= 30;
}
