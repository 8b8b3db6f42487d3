// The Chinese lexicon: every word list the search side uses, in one object that is passed in (like
// Orama's tokenizer and stop words) rather than imported from all over. All of it is general Chinese
// vocabulary — question words, particles, measure words, antonym pairs, the region's place names —
// never words taken from a question set. Its content hash goes into the index manifest, so editing it
// is noticed like any other input of the index.
import { checksum } from '../index/checksum.js';
import { DICT_SUPPLEMENT } from './dict-supplement.js';
import { englishLexiconVersion, isCommonWord, isDictionaryName, synonymsOf, translateQuestion, type CoverageVocabulary, type Translation } from './english.js';

/** The English part: questions in English become Chinese query terms (loaded on first use). */
export interface EnglishTranslator {
  /** Version of the dictionary data and rules (cheap: loads nothing). */
  version: () => string;
  translate: (question: string, vocabulary: CoverageVocabulary) => Translation;
  /** The dictionary (CC-CEDICT) reads the word as a common word, not only as a proper noun. */
  isCommonWord: (word: string) => boolean;
  /** The dictionary has the word as a proper noun (成都, 老挝), maybe among other readings. */
  isName: (word: string) => boolean;
  /** Words the dictionary glosses the same in the first sense of both (房子 → 房屋). */
  synonyms: (word: string) => string[];
}

export interface Lexicon {
  /** Interrogatives, particles, function words and question-frame nouns: never what a question is about. */
  filler: ReadonlySet<string>;
  /** Words that mark the asked-for slot ("谁", "多少", "哪天"): the focus word sits next to them. */
  interrogatives: ReadonlySet<string>;
  /** Measure words that name what is counted (not 个, which counts anything). */
  measures: readonly string[];
  /**
   * Measure words that count the same things (列 / 趟 for runs of a train, 家 / 户 for firms): a count in one
   * answers a question asking in another.
   */
  measureKin: readonly (readonly string[])[];
  /** Words whose pair-mate says the opposite (进口/出口, 增长/下降): asking one is not answered by the other. */
  opposites: readonly (readonly [string, string])[];
  /** Modifiers that make a different post of the same title (副书记 is not 书记). */
  postModifiers: readonly string[];
  /** Titles of posts (书记, 区长, 董事长 …): asking for one post is not answered by another. */
  posts: readonly string[];
  /** Posts that stand for any post (负责人: whoever is in charge): answered by every title. */
  anyPosts: readonly string[];
  /** Families of period words: asking for one member is not answered by a sibling (二季度 vs 一季度). */
  periods: readonly (readonly string[])[];
  /**
   * Economic and statistical measures, each with its usual spellings (营收 = 营业收入): asking for one
   * (利润) is not answered by a passage that gives another (收入) and never the one asked.
   */
  metrics: readonly (readonly string[])[];
  /** Common surnames (one character each): a post followed by one starts a person's name. */
  surnames: string;
  /** Terms of address (师傅, 阿姨, 先生 …): jieba tags some of them names, but they name nobody. */
  addressTerms: readonly string[];
  /** Words that ask about a photo (照片, 图中 …): the answer is a caption, which never says them. */
  photoWords: readonly string[];
  /**
   * Public bodies that are never one another (人大 is not 政协): asking about one is not answered by a
   * passage that names another and never the one asked. Each with its spellings.
   */
  bodies: readonly (readonly string[])[];
  /**
   * World regions (东南亚, 非洲, 欧洲): a question naming one may be answered by a passage naming a country
   * of it (越南), so a region the coverage never names is not an absent name.
   */
  regions: readonly string[];
  /** The last characters of most place names, what kind of place it is (江, 山, 区, 镇, 港…). */
  placeEndings: readonly string[];
  /**
   * One-character short names (简称) of China's provinces, of a few cities and of countries: a pair of places
   * is often written as one word of them (成渝 for 成都 and 重庆, 川渝 for 四川 and 重庆, 中老 for China and 老挝).
   */
  shortNames: readonly (readonly [string, string])[];
  /**
   * Regional (Southwestern Mandarin, as Chongqing users type it) question words and their standard forms:
   * `always` pairs are only ever question words (啥子 → 什么); `unlessAsked` pairs are also standard
   * Chinese for something else (好多 "many", 好久 "a long time"), so they are read as question words only in
   * a question that asks nothing otherwise (好多钱来着 → 多少钱; not 好多人问区长是谁).
   */
  dialect: { always: readonly (readonly [string, string])[]; unlessAsked: readonly (readonly [string, string])[] };
  english: EnglishTranslator;
  /** Segmenter supplement ("word frequency tag" lines): the region's place names and whole question words. */
  gazetteer: string;
  /** Content hash of all of the above (recorded in the index manifest). */
  hash: string;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

const INTERROGATIVES = words(
  '谁 啥 什么 哪 哪些 哪个 哪家 哪位 哪里 哪儿 哪天 哪年 多少 几 几个 几家 几月 几号 什么时候 啥时候 多少钱 多少个 多少家 ' +
    '哪几个 哪几家 怎么 如何 怎样 怎么样 为何 为什么 几月几号 哪一天 哪一年 多大 多长 多高 多远 多久 百分之几 咋 咋样 啥样 ' +
    'what who whom which when where how',
);

const FILLER = words(
  '的 了 吗 呢 吧 啊 呀 么 嘛 和 与 及 或 是 在 有 为 把 被 对 从 到 向 就 都 也 还 又 再 很 最 更 这 那 ' +
    '是否 是不是 有没有 能否 可以 请问 请 告诉 我 我们 你 你们 他 她 它 他们 一下 一个 一些 这个 那个 这些 那些 ' +
    '其 之 第 等 以及 个 位 上 下 中 里 到底 具体 主要 分别 各 各自 现在 目前 曾经 已经 会 要 将 能 应 该 ' +
    '听说 据说 来着 知道 想 问问 问 说说 讲讲 介绍 一共 总共 大概 大约 左右 真的 吗 呗 咋 咋样 干啥 干嘛 啥样 各有 都有 分别是 ' +
    '文章 报道 文中 里面 提到 提及 说到 讲到 ' +
    // Nouns that only frame the question ("是什么职务", "叫什么名字"): they name the kind of answer,
    // which the passage states without repeating the word.
    '职务 职位 头衔 身份 名字 名称 单位 内容 情况 意思 原因 时间 地点 量级 数量级 ' +
    // Words that ask about a photo: the caption answering never says them (see photoWords).
    '照片 图片 图中 图里 图上 配图 画面 照片里 图片里 photo photos picture pictures image caption ' +
    'the a an of in on at to for is are was were be by with does do did many much and or it its this that these ' +
    'those there their from as about ' +
    INTERROGATIVES.join(' '),
);

const MEASURES = words('辆 张 台 家 列 天 秒 类 项 条 套 吨 次 座 栋 所 种 架 艘 趟 场 届 件 亩 岁 倍 位 名 人 户 个 只 株 批 期 轮 年 月 平方米 公里 千米 米 千瓦 万 篇 本 部 首 句 份 处 块 棵 头 支 间 层 节 段 门 标箱 人次 立方米 平方公里 千瓦时 公斤 千克');

/** Two sides of opposites: any word of one is the opposite of any word of the other. */
const sides = (one: string, other: string) => words(one).flatMap((a) => words(other).map((b) => [a, b] as const));

const OPPOSITES: (readonly [string, string])[] = ([
  ['进口', '出口'], ['进口', '出海'], ['流入', '流出'], ['输入', '输出'], ['引进', '输出'], ['盈利', '亏损'], ['买入', '卖出'], ['开工', '竣工'],
  ['开通', '停运'], ['收入', '支出'], ['南向', '北向'], ['东向', '西向'],
  // Inside and outside.
  ['室内', '室外'], ['境内', '境外'], ['国内', '国外'], ['地上', '地下'], ['线上', '线下'],
  // Goods going out and coming in.
  ...sides('发运 发出 运出 出境 出港 发送', '到达 接卸 收到 运进 入境 进港 接收 到港'),
  // The trip back, against goods sent out: a train that took them out says nothing of what it brought back.
  ...sides('运回 回程 返程 带回 拉回 回运 返回', '出口 发往 运往 出境 发运'),
  // Going up and going down.
  ...sides('增长 增加 上升 提高 上涨 扩大 新增 多了 流入', '下降 减少 降低 下跌 缩小 下滑 回落 少了 流失 外流 萎缩 流出 退出'),
] as const).flatMap(([a, b]) => [[a, b] as const, [b, a] as const]);

const POST_MODIFIERS = words('副 常务副 代理 原 前 名誉 执行 常务 总');

const POSTS = words(
  '书记 主任 主席 区长 市长 县长 镇长 乡长 省长 局长 处长 科长 部长 厅长 院长 校长 所长 站长 行长 社长 会长 团长 ' +
    '董事长 总经理 经理 总裁 厂长 总监 总工程师 秘书长 委员 主任委员 常委 理事长 队长 组长 负责人',
);

const PERIODS: string[][] = [
  ['一季度', '二季度', '三季度', '四季度', '上半年', '下半年', '全年', '前三季度'],
  ['去年', '今年', '前年', '明年', '后年'],
  ['一期', '二期', '三期', '四期'],
  ['上旬', '中旬', '下旬'],
  ['年初', '年中', '年底', '年末'],
];

const ADDRESS_TERMS = words('师傅 师父 阿姨 大爷 大妈 大娘 大叔 叔叔 大哥 大姐 先生 女士 小姐 老师 老板 同志 老乡');
const PHOTO_WORDS = words('照片 图片 图中 图里 图上 配图 张图 幅图 画面 合影 照片里 图片里 photo photos picture pictures image caption');

const METRICS: string[][] = [
  ['营业收入', '营收', '主营业务收入', '销售收入', '收入'],
  ['利润', '净利润', '利税', '盈利'],
  ['产值', '总产值'],
  ['增加值'],
  ['产量', '年产量'],
  ['销量', '销售量'],
  ['销售额', '交易额', '成交额'],
  ['出口额', '出口值', '出口总额', '出口货值'],
  ['出口量'],
  ['进口额', '进口值', '进口总额'],
  ['进出口额', '进出口总额', '进出口值', '外贸额'],
  ['创汇', '外汇收入', '换汇'],
  ['投资', '投资额', '总投资', '投入'],
  ['税收', '税收收入', '纳税'],
  ['地区生产总值', '生产总值', 'gdp'],
  ['存款', '存款余额'],
  ['贷款', '贷款余额'],
  ['面积', '建筑面积', '占地面积', '种植面积'],
  ['人口', '常住人口', '户籍人口'],
  ['运量', '货运量', '运输量', '吞吐量'],
  ['货值', '货物价值', '贸易额'],
  ['价格', '单价', '售价', '票价', '均价', '租金'],
  ['客流', '游客', '客流量', '接待游客'],
  ['用电量', '能耗'],
  ['天数'],
];

// The hundred or so commonest surnames of mainland China (they cover most of the population).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';

/** `build` run once per lexicon object (patterns and maps derived from its word lists), then remembered. */
export function perLexicon<T extends object>(build: (lexicon: Lexicon) => T): (lexicon: Lexicon) => T {
  const cache = new WeakMap<Lexicon, T>();
  return (lexicon) => {
    let value = cache.get(lexicon);
    if (!value) cache.set(lexicon, (value = build(lexicon)));
    return value;
  };
}

function hashOf(parts: unknown[]): string {
  return checksum(JSON.stringify(parts));
}

export function makeLexicon(parts: Omit<Lexicon, 'hash'>): Lexicon {
  const { filler, interrogatives, measures, measureKin, opposites, postModifiers, posts, anyPosts, periods, metrics, surnames, addressTerms, photoWords, bodies, regions, placeEndings, shortNames, dialect, gazetteer, english } = parts;
  return {
    ...parts,
    hash: hashOf([[...filler].sort(), [...interrogatives].sort(), measures, measureKin, opposites, postModifiers, posts, anyPosts, periods, metrics, surnames, addressTerms, photoWords, bodies, regions, placeEndings, shortNames, dialect, gazetteer, english.version()]),
  };
}

/** The lexicon the product ships: general Chinese vocabulary plus Chongqing's districts and counties. */
export const CHINESE: Lexicon = makeLexicon({
  filler: new Set(FILLER),
  interrogatives: new Set(INTERROGATIVES),
  measures: [...new Set(MEASURES)],
  // Kept narrow: wider kin (班, which 班列 holds; 名 / 位 / 人; 台 / 套) answered tune questions the coverage does not.
  measureKin: [words('列 趟'), words('家 户'), words('座 栋 幢')],
  opposites: OPPOSITES,
  postModifiers: POST_MODIFIERS,
  posts: POSTS,
  anyPosts: words('负责人 一把手 领导 掌门人'),
  periods: PERIODS,
  metrics: METRICS,
  surnames: SURNAMES,
  addressTerms: ADDRESS_TERMS,
  photoWords: PHOTO_WORDS,
  bodies: [['人大', '人民代表大会'], ['政协', '政治协商会议'], ['纪委', '监委', '纪检监察'], ['法院'], ['检察院'], ['团委', '共青团'], ['妇联'], ['工会']],
  dialect: {
    // 是好久…的 asks when (是好久到的: "when did it arrive"); 好久 alone may ask how long.
    always: [['啥子', '什么'], ['咋个', '怎么'], ['哪个时候', '什么时候'], ['是好久', '是什么时候']],
    unlessAsked: [['好多', '多少'], ['好久', '多久'], ['好大', '多大'], ['好远', '多远'], ['好长', '多长'], ['好高', '多高'], ['好重', '多重']],
  },
  regions: words('亚洲 欧洲 非洲 美洲 大洋洲 东亚 东南亚 南亚 中亚 西亚 北亚 中东 东欧 西欧 北欧 南欧 中欧 北美 南美 拉美 拉丁美洲 北美洲 南美洲 东盟 欧盟 海外 境外 国外 全球 世界'),
  placeEndings: [...'省市县区州镇乡村街路巷港站场园城国山峰岭江河湖海湾岛峡溪泉坝坪沟滩洲池塘潭谷洞林'],
  shortNames: (
    '京 北京 津 天津 沪 上海 渝 重庆 冀 河北 晋 山西 辽 辽宁 吉 吉林 黑 黑龙江 苏 江苏 浙 浙江 皖 安徽 闽 福建 赣 江西 鲁 山东 豫 河南 ' +
    '鄂 湖北 湘 湖南 粤 广东 琼 海南 川 四川 蜀 四川 黔 贵州 贵 贵州 滇 云南 云 云南 陕 陕西 秦 陕西 甘 甘肃 陇 甘肃 青 青海 蒙 内蒙古 ' +
    '桂 广西 藏 西藏 宁 宁夏 新 新疆 港 香港 澳 澳门 台 台湾 蓉 成都 穗 广州 深 深圳 汉 武汉 杭 杭州 宁 南京 ' +
    // Countries, as China's routes and ties with them are named (中老铁路, 中欧班列, 中德合作).
    '老 老挝 越 越南 泰 泰国 缅 缅甸 柬 柬埔寨 俄 俄罗斯 蒙 蒙古 哈 哈萨克斯坦 巴 巴基斯坦 新 新加坡 马 马来西亚 ' +
    '日 日本 韩 韩国 美 美国 英 英国 法 法国 德 德国 意 意大利 欧 欧洲'
  )
    .split(' ')
    .flatMap((w, i, all) => (i % 2 === 0 ? [[w, all[i + 1]!] as const] : [])),
  gazetteer: DICT_SUPPLEMENT,
  english: { version: englishLexiconVersion, translate: translateQuestion, isCommonWord, isName: isDictionaryName, synonyms: synonymsOf },
});
