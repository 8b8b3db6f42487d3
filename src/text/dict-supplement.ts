// Words jieba's general dictionary splits wrongly in this domain, as "word frequency tag" lines.
// Chongqing's districts and counties: without them 璧山区 becomes 璧/山区. Question words are kept whole
// so that 哪天开的 is not cut into 哪/天开/的. The usual short names of government bodies (经信委, 商务委 …)
// are general vocabulary of Chinese news that jieba's table lacks, as are the Party's regular meetings
// (民主生活会, 组织生活会: without them 民主/生活 and the meeting is lost).
export const DICT_SUPPLEMENT = `
渝中 5000 ns
江北 5000 ns
南岸 5000 ns
九龙坡 5000 ns
沙坪坝 5000 ns
大渡口 5000 ns
北碚 5000 ns
渝北 5000 ns
巴南 5000 ns
涪陵 5000 ns
长寿 5000 ns
江津 5000 ns
合川 5000 ns
永川 5000 ns
南川 5000 ns
綦江 5000 ns
大足 5000 ns
璧山 5000 ns
铜梁 5000 ns
潼南 5000 ns
荣昌 5000 ns
开州 5000 ns
梁平 5000 ns
武隆 5000 ns
万州 5000 ns
黔江 5000 ns
城口 5000 ns
丰都 5000 ns
垫江 5000 ns
忠县 5000 ns
云阳 5000 ns
奉节 5000 ns
巫山 5000 ns
巫溪 5000 ns
石柱 5000 ns
秀山 5000 ns
酉阳 5000 ns
彭水 5000 ns
哪天 3000 r
哪一天 3000 r
几号 3000 r
几月 3000 r
几月几号 3000 r
啥时候 3000 r
什么时候 3000 r
多少钱 3000 r
多少个 3000 r
多少家 3000 r
哪几个 3000 r
哪几家 3000 r
哪一年 3000 r
哪年 3000 r
经信委 3000 nt
商务委 3000 nt
教委 3000 nt
卫健委 3000 nt
住建委 3000 nt
国资委 3000 nt
农业农村委 3000 nt
文化旅游委 3000 nt
生态环境局 3000 nt
规划自然资源局 3000 nt
人力社保局 3000 nt
民主生活会 3000 n
组织生活会 3000 n
`;

/** The supplement's entries, parsed once (the segmenter keeps their tags, the English part its places). */
export const SUPPLEMENT_ENTRIES: readonly { word: string; tag: string }[] = DICT_SUPPLEMENT.split('\n')
  .map((l) => l.trim().split(/\s+/))
  .filter(([word, , tag]) => word && tag)
  .map(([word, , tag]) => ({ word: word!, tag: tag! }));
