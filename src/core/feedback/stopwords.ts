/**
 * Words that tie feedback items together without saying what they are about: function words, and the
 * filler every complaint shares ("希望", "问题", "app", "please"). A word here never becomes a term.
 */
const ZH = `
的 了 着 过 吗 呢 吧 啊 呀 哦 哈 嘛 啦 么 呗 喔 哎 唉 诶 嗯 哟 咋 之 与 及 和 跟 或 而 且 并 但 但是 可是 然而 而且 所以 因为 因此
如果 虽然 即使 就是 还是 或者 不过 只是 于是 然后 接着 以及 并且 以后 之后 以前 之前 时候 的时候 一下 一点 一些 有点 有些 一直 一天 一次
我 你 他 她 它 我们 你们 他们 她们 它们 自己 大家 别人 人家 咱们 这 那 这个 那个 这些 那些 这样 那样 这么 那么 这里 那里 哪 哪里 哪个
什么 怎么 怎么办 怎样 为什么 为啥 干嘛 多少 几 谁 是 不是 有 没 没有 不 不能 能不能 能 可以 可不可以 会 不会 要 不要 想 想要 需要 应该
也 都 还 就 才 又 再 很 太 非常 特别 真的 真是 实在 简直 完全 根本 总是 老是 经常 每次 每天 已经 刚刚 刚 正在 一直 还有 其实 确实 居然 竟然 到底
个 只 条 次 天 些 种 件 下 上 里 中 后 前 把 被 给 让 对 向 从 在 到 于 为 以 比 等 等等 啊啊 吧吧 呢呢
你好 您好 请问 在吗 希望 建议 请 麻烦 谢谢 感谢 求求 求 拜托 赶紧 尽快 快点 能否 是否 可否 好不好 行不行 一下子 东西 事情 情况 问题 体验 感觉 觉得 认为 知道 发现 看到 出现
软件 应用 平台 产品 用户 官方 你们家 app 现在 今天 昨天 最近 每次都 好几次 几次 两次 三次 第一次 一次 多次 反复 总 还要 不了 不到 不出 出来 起来 上去 下去 过来
非常好 垃圾 失望 无语 离谱 气死 太差 很差 差评 好评 满意 不满意 真的很 简直是 做 用 搞 弄 说 看 找 点 打开 使用 进行 操作 功能 增加 新增 加个 添加 支持 提供 改进 优化 修复 解决
`;

const EN = `
a an the and or but if then else so because as of at by for with about against between into through during before after above below to from up down in out on off over under
again further once here there when where why how all any both each few more most other some such no nor not only own same than too very can will just don should now
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs themselves
what which who whom this that these those am is are was were be been being have has had having do does did doing would could ought may might must shall
i'm you're he's she's it's we're they're i've you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll
isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot couldn't mustn't let's that's who's what's
here's there's when's where's why's how's im dont cant wont didnt doesnt isnt its ive
app apps application please thanks thank help fix fixed issue issues problem problems really very just even every keep keeps kept always still never ever also get gets got
getting make makes made use used using go goes going went want wanted need needs like would time times day days today yesterday week lot lots much many thing things
something anything everything nothing one two three first last again ok okay yes hi hello guys team hey pls plz literally totally actually basically seriously
good bad great terrible awful worst best love hate annoying annoyed frustrating frustrated disappointed disappointing horrible poor
since anymore though although while until unless maybe perhaps almost quite rather enough
able way work works tried try trying see seen look looking know said say says tell told feature features add added option options via per etc
`;

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

/** Chinese stop words (jieba tokens). */
export const ZH_STOP_WORDS: ReadonlySet<string> = words(ZH);
/** English stop words, before stemming (lowercase). */
export const EN_STOP_WORDS: ReadonlySet<string> = words(EN);
