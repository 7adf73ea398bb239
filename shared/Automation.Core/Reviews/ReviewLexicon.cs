using System.Text.RegularExpressions;

namespace Automation.Core.Reviews;

/// <summary>What a lexicon entry counts as when it is found in a review.</summary>
internal enum TermKind
{
    Praise,
    Complaint,
    Lukewarm,
    Mitigation,
    Contrast,
    Concessive,
    Hypothetical,
    Sarcasm,

    /// <summary>Words that contain a negator or a praise word but are neither ("没想到", "不仅", "好久"): matched only so they are not misread.</summary>
    Filler,

    /// <summary>The buyer has not tried the item yet ("还没用", "haven't tried"): a clause with it is not a drawback.</summary>
    NotYet,

    /// <summary>A word that names what a complaint is about ("物流", "customer service"); it gives a cause only next to a complaint.</summary>
    Topic,
    EmojiPraise,
    EmojiComplaint,
    EmojiLukewarm,
}

/// <summary>
/// How a complaint's cause is found. <see cref="Fixed"/>: the word itself names it ("色差" is always not-as-described).
/// <see cref="Default"/>: a topic in the same clause wins ("客服回复太慢" is service, not logistics), else the entry's
/// cause. Praise entries carry a default cause used when they are negated ("不耐用" is product quality).
/// </summary>
internal enum CauseBinding
{
    Default,
    Fixed,
}

internal sealed record LexiconEntry(string Text, TermKind Kind, ReviewCause? Cause, CauseBinding Binding);

internal sealed record LexiconPattern(Regex Pattern, TermKind Kind, ReviewCause? Cause, CauseBinding Binding);

/// <summary>
/// The classifier's word lists, as data. Entries are lower case (the text is lower-cased before matching); English
/// entries match at word boundaries, Chinese entries anywhere. The longest entry at a position wins, so fixed phrases
/// ("不错", "不怎么样", "not as described", "never again") are read whole before their parts.
/// </summary>
internal static partial class ReviewLexicon
{
    private const ReviewCause Logistics = ReviewCause.Logistics;
    private const ReviewCause Quality = ReviewCause.ProductQuality;
    private const ReviewCause NotAsDescribed = ReviewCause.NotAsDescribed;
    private const ReviewCause SizeFit = ReviewCause.SizeFit;
    private const ReviewCause Service = ReviewCause.ServiceAttitude;
    private const ReviewCause Price = ReviewCause.Price;
    private const CauseBinding Fixed = CauseBinding.Fixed;
    private const CauseBinding Default = CauseBinding.Default;

    private static readonly (TermKind Kind, ReviewCause? Cause, CauseBinding Binding, string[] Words)[] Groups =
    [
        // ---- Praise (the cause is used only when the praise is negated) ----
        (TermKind.Praise, null, Default,
        [
            "好", "很好", "好评", "五星好评", "不错", "满意", "喜欢", "推荐", "点赞", "赞", "棒", "完美", "精致", "精细", "值得",
            "划算", "满分", "回购", "放心", "实用", "可爱", "惊喜", "给力", "好吃", "好喝", "好看", "漂亮", "没毛病", "没得说",
            "没话说", "不愧", "优秀", "超赞", "一如既往", "下次还来", "还会再来", "五星",
            "good", "great", "excellent", "amazing", "awesome", "perfect", "perfectly", "love", "loves", "loved", "love it",
            "like it", "i like", "liked", "happy", "satisfied", "pleased", "recommend", "recommended", "beautiful", "gorgeous",
            "nice", "lovely", "cute", "cozy", "soft", "impressed", "best", "wonderful", "fantastic", "glad", "delighted", "five stars",
            "5 stars", "would buy again", "thank you", "honestly excellent", "does the job", "as expected",
        ]),
        (TermKind.Praise, Quality, Default,
        [
            "好用", "耐用", "舒服", "保暖", "扎实", "结实", "品质有保证", "质量好", "做工精细", "正品",
            "comfortable", "solid", "sturdy", "durable", "well made", "well-made", "works", "works great", "works fine", "work", "turn on", "turns on",
            "works well", "usable",
        ]),
        (TermKind.Praise, Logistics, Default,
        [
            "快", "超快", "很快", "发货快", "严实", "完好无损", "准时", "送货上门",
            "fast", "quick", "quickly", "early", "on time", "well packed", "fast shipping",
        ]),
        (TermKind.Praise, Service, Default,
        [
            "耐心", "热情", "贴心", "用心", "态度好", "态度很好", "态度特别好", "服务好",
            "helpful", "kind", "friendly", "responsive", "great seller",
        ]),
        (TermKind.Praise, Price, Default,
        [
            "便宜", "实惠", "值", "性价比高", "超值", "物美价廉",
            "worth", "worth it", "value", "good value", "cheaper", "bargain",
        ]),
        (TermKind.Praise, SizeFit, Default,
        [
            "合适", "合身", "刚好", "尺码标准", "fits", "fits perfectly", "true to size", "fit perfectly",
        ]),
        (TermKind.Praise, NotAsDescribed, Default,
        [
            "一模一样", "一致", "和描述一致", "与描述一致", "as described", "as pictured", "genuine", "true to the photos",
            "better than i expected", "better than expected",
        ]),

        // ---- Complaints with no cause of their own (a topic in the clause may give one) ----
        (TermKind.Complaint, null, Default,
        [
            "差", "太差", "很差", "极差", "垃圾", "失望", "后悔", "坑", "坑人", "糟糕", "烂", "差评", "退货", "退款", "再也不买",
            "再也不会买", "上当", "骗人", "无语", "不行", "问题", "毛病", "不怎么样", "不爽", "麻烦", "投诉", "不推荐", "缺点",
            "少发", "漏发", "恶心", "坑爹", "一星", "举报", "不理想", "别买", "心疼", "看不懂", "糟心", "闹心", "鸡肋", "智商税", "不好使",
            "terrible", "awful", "horrible", "worst", "garbage", "junk", "rubbish", "disappointed", "disappointing",
            "disappointment", "waste", "regret", "never again", "useless", "poor", "bad", "problem", "problems", "issue",
            "issues", "complain", "complaint", "complaints", "unhappy", "refund", "missing", "downside", "mediocre",
            "thanks for nothing", "ridiculous", "hurts", "avoid", "do not buy", "don't buy", "not impressed", "not so much", "hard to use", "difficult to use", "let down", "letdown", "nightmare", "shame",
        ]),

        // ---- Complaints about logistics ----
        (TermKind.Complaint, Logistics, Fixed,
        [
            "暴力运输", "物流太慢", "快递太慢", "发货太慢", "丢件", "还没收到", "没收到", "没发货", "还没发", "没发", "晚到",
            "到货慢", "物流慢", "不更新", "还在路上", "物流停滞", "没送到", "送错", "不送货上门", "不送上门",
            "arrived broken", "arrived damaged", "arrived smashed", "arrived cracked", "never arrived", "didn't arrive",
            "did not arrive", "took forever", "took ages", "hasn't updated", "not updated", "lost in transit", "late",
            "delayed", "delay", "weeks to arrive", "took forever to ship", "stuck in customs", "held at customs", "wrong address", "misdelivered", "left in the rain", "left outside", "to get here",
        ]),
        (TermKind.Complaint, Logistics, Default,
        [
            "慢", "太慢", "很慢", "破损", "压扁", "压坏", "碎了", "碎的", "凹", "等了", "扔在", "乱扔", "简陋", "好久才到", "迟迟", "磕坏", "磕碰", "瘪", "丢了",
            "slow", "crushed", "smashed", "dented", "damaged", "threw", "thrown", "lost", "soaked", "still waiting",
        ]),

        // ---- Complaints about product quality ----
        (TermKind.Complaint, Quality, Fixed,
        [
            "坏了", "坏点", "划痕", "掉色", "褪色", "起球", "开线", "开胶", "脱胶", "线头", "漏液", "漏水", "不能用", "用不了",
            "不能充电", "充不进电", "不亮", "跳闸", "断了", "裂了", "粗糙", "异味", "怪味", "刺鼻", "很重的味道", "味道很重",
            "味道太大", "味道很大", "卡顿", "死机", "质量差", "质量太差", "做工差", "掉毛", "生锈", "发霉", "变形", "难用", "罢工", "缩水", "烫手", "不结实", "容易坏", "质量不行", "失灵", "没反应", "接触不良", "断裂", "掉漆", "掉皮", "脱线", "破洞", "瑕疵", "次品", "残次品", "劣质", "松动", "异响", "噪音大", "发烫", "结块", "过期", "变质", "不新鲜",
            "stopped working", "doesn't work", "does not work", "don't work", "not working", "doesn't charge", "won't charge",
            "defective", "faulty", "broke", "breaks", "feels cheap", "cheaply made", "flimsy", "peeling", "peeled", "faded",
            "fades", "fading", "scratches", "scratched", "chemical smell", "smells", "stinks", "loud", "noisy", "snapped",
            "fell off", "ripped", "torn", "tore", "cracked", "rusty", "dies", "caught fire", "scratchy", "fell apart",
            "poor quality", "terrible quality", "falls apart", "came off", "came apart", "stiff", "hard to open", "dead on arrival", "doa", "fraying", "frayed", "wobbly", "wobbles", "squeaky", "squeaks", "overheats", "overheating", "stained", "shrunk", "shrinks", "pilling", "bobbling", "expired", "stale", "mouldy", "moldy", "cheap looking", "looks cheap",
        ]),
        (TermKind.Complaint, Quality, Default,
        [
            "坏", "漏了", "漏", "薄", "扎", "味道大",
            "broken", "leaks", "leaking", "leaked", "smell", "thin",
        ]),

        // ---- Complaints that the item is not as described or expected ----
        (TermKind.Complaint, NotAsDescribed, Fixed,
        [
            "色差", "不一样", "不符", "与描述不符", "和描述不符", "货不对板", "假货", "假的", "仿品", "发错", "发错货", "发错颜色",
            "旧的", "被人用过", "有人用过", "二手", "欺骗", "虚假宣传", "骗子", "以次充好", "偏浅", "浅了", "偏深", "深了", "差了一大截", "不像图片", "没有想象中", "没有想象中好", "没有想象中的好", "没想象中好", "没有想象的好", "不如想象", "图片仅供参考",
            "not as described", "not as pictured", "not as advertised", "looks nothing like", "nothing like the picture",
            "nothing like the pictures", "nothing like the photos", "different from the picture", "different from the pictures",
            "fake", "counterfeit", "knock-off", "knockoff", "not genuine", "not the genuine", "wrong color", "wrong colour",
            "wrong item", "wrong size", "not what i ordered", "not as good as", "photoshopped", "used one", "second-hand", "secondhand", "someone else's", "not like the photo", "not like the picture", "false advertising", "misleading",
        ]),
        (TermKind.Complaint, NotAsDescribed, Default,
        [
            "偏暗", "太暗", "暗很多", "太少", "smaller than", "expected better", "expected much better", "expected a lot better", "way off",
        ]),

        // ---- Complaints about size and fit ----
        (TermKind.Complaint, SizeFit, Fixed,
        [
            "偏小", "偏大", "太小", "太大", "小了", "大了", "挤脚", "磨脚", "不合身", "穿不上", "太长", "太短", "有点短", "有点长",
            "偏短", "偏长", "太紧", "太松", "偏瘦", "偏肥", "买大一码", "买小一码", "做小了", "做大了", "偏紧", "码子小", "码子大",
            "runs small", "runs large", "runs big", "run small", "run large", "too small", "too big", "too large",
            "too tight", "too loose", "too long", "too short", "too narrow", "too wide", "didn't fit", "doesn't fit",
            "does not fit", "did not fit", "couldn't get it on", "couldn't even get it on", "sizes small", "size small",
            "sizes big", "size up", "size down", "tight", "tighter", "narrow", "fits like a small", "fits like a large", "go one up", "go up a size", "go down a size", "size chart is off",
        ]),

        // ---- Complaints about the service (a courier can be rude too: the clause's topic wins) ----
        (TermKind.Complaint, Service, Default,
        [
            "态度差", "态度很差", "态度极差", "态度恶劣", "态度不好", "骂人", "不理", "没人理", "爱答不理", "不理人", "不回", "不回复",
            "不处理", "装死", "推卸", "敷衍", "不给退", "拒绝退款", "复制粘贴", "不解决", "不通知", "没通知", "没礼貌", "不礼貌", "机器人", "已读不回", "没人管", "不搭理", "踢皮球", "拉黑", "不耐烦", "推脱",
            "rude", "ignored", "ignoring", "ignore", "never replied", "never answered", "never responded", "no reply",
            "no response", "didn't reply", "unhelpful", "hung up", "refused", "nobody answers", "short with me",
            "won't refund", "unprofessional", "chase", "chased", "blocked me", "no help", "never got back", "didn't get back", "not responding", "unresponsive",
        ]),

        // ---- Complaints about the price ----
        (TermKind.Complaint, Price, Fixed,
        [
            "贵", "太贵", "买贵了", "降价", "性价比低", "坑钱", "不值钱", "亏", "亏了", "亏大了", "不划算", "保价", "差价", "降了", "溢价", "割韭菜",
            "overpriced", "expensive", "pricey", "price dropped", "rip-off", "ripoff", "rip off", "waste of money", "half the price", "cheaper elsewhere", "for less elsewhere",
            "cost more than",
        ]),

        // ---- Lukewarm ----
        (TermKind.Lukewarm, null, Default,
        [
            "一般", "一般般", "还行", "凑合", "还可以", "中规中矩", "马马虎虎", "过得去", "差不多", "还好", "不好不坏",
            "不算好也不算差", "没什么特别", "一分钱一分货", "中评", "普通", "普普通通", "就那样", "没啥惊喜", "没什么惊喜", "没啥特别",
            "so-so", "so so", "okay", "ok", "average", "meh", "fine", "nothing special", "neither good nor bad",
            "not bad, not great", "could be better", "decent", "it works", "it is what it is", "hit and miss", "nothing more",
        ]),

        // ---- Structure: contrast, concession, fears, acceptance, sarcasm ----
        (TermKind.Contrast, null, Default,
        [
            "但是", "但", "就是", "可惜", "不过", "然而", "只是", "可是", "唯一的缺点", "美中不足", "遗憾的是",
            "but", "however", "though", "unfortunately", "except", "sadly", "only downside", "the only problem", "apart from",
        ]),
        (TermKind.Concessive, null, Default, ["虽然", "尽管", "although", "even though"]),
        (TermKind.Hypothetical, null, Default,
        [
            "担心", "怕", "以为会", "本来以为", "worried", "afraid", "was concerned", "thought it would", "in case",
        ]),
        (TermKind.Mitigation, null, Default,
        [
            "还能接受", "可以接受", "能接受", "不影响使用", "无所谓", "问题不大", "瑕不掩瑜",
            "acceptable", "no big deal", "not a big deal", "doesn't matter", "can live with",
        ]),
        (TermKind.Sarcasm, null, Default,
        [
            "好到", "呵呵", "真是谢谢", "thanks a lot", "if you like", "just great", "yeah right", "just what i needed",
        ]),
        (TermKind.NotYet, null, Default,
        [
            "还没用", "还没试", "还没穿", "还没拆", "还没开始用", "还没吃", "追评", "再来评价", "用了再说", "有待观察", "不知道能用多久",
            "haven't", "have not", "not yet", "yet", "will update", "we'll see", "time will tell", "too early", "too soon",
        ]),
        (TermKind.Filler, null, Default,
        [
            "没想到", "不仅", "不但", "不知道", "不用", "好久", "好几", "好像", "只好", "好不容易", "不管", "无论", "不得不",
            "差点", "小哥", "小姐姐", "说好的", "好评返现", "没发现", "发现", "好多", "好些",
        ]),

        // ---- Topics: what a complaint in the same clause is about ----
        (TermKind.Topic, Logistics, Default,
        [
            "物流", "快递", "快递员", "快递小哥", "送货", "配送", "发货", "运输", "包装", "外包装", "盒子", "箱子", "到货", "派送",
            "快递柜", "物流信息",
            "delivery", "shipping", "shipment", "courier", "package", "parcel", "box", "packaging", "postage", "tracking",
            "delivery guy", "driver", "carrier", "warehouse", "neighbour", "neighbor", "porch", "doorstep", "delivery driver",
        ]),
        (TermKind.Topic, Quality, Default,
        [
            "质量", "做工", "品质", "材质", "面料", "用料", "声音", "电池", "屏幕", "拉链",
            "quality", "material", "stitching", "fabric", "build", "zipper", "battery", "screen",
        ]),
        (TermKind.Topic, NotAsDescribed, Default,
        [
            "描述", "图片", "实物", "照片", "颜色", "宣传", "详情页", "想象", "分量",
            "described", "description", "pictures", "picture", "photos", "photo", "listing", "advertised", "color", "colour",
            "expected", "pictured",
        ]),
        (TermKind.Topic, SizeFit, Default,
        [
            "尺码", "码数", "尺寸", "鞋码", "袖子", "裤腿", "肩", "腰", "腰围", "码子", "sizing chart", "size chart", "size", "sizing", "fit", "sleeves", "shoulders", "waist",
        ]),
        (TermKind.Topic, Service, Default,
        [
            "客服", "卖家", "商家", "店家", "老板", "售后", "态度", "回复", "掌柜",
            "seller", "customer service", "support", "support team", "agent", "staff", "service", "chat", "store",
        ]),
        (TermKind.Topic, Price, Default,
        [
            "价格", "价钱", "价", "性价比", "钱", "运费", "price", "priced", "money", "cost",
        ]),

        // ---- Emoji (matched on the base character; variation selectors and skin tones are read with it) ----
        (TermKind.EmojiPraise, null, Default,
        [
            "👍", "😊", "❤", "♥", "🥰", "😍", "😘", "💯", "🎉", "👌", "😁", "😄", "😃", "☺", "💕", "💖", "🤩", "👏", "🙏", "🌟",
        ]),
        (TermKind.EmojiComplaint, null, Default,
        [
            "😡", "😤", "👎", "😞", "💔", "🙄", "😠", "😒", "😢", "😭", "🤬", "😩", "😫", "😔", "☹", "🙁", "😣", "🤮", "💩",
        ]),
        (TermKind.EmojiLukewarm, null, Default, ["😐", "😑", "🤔", "😶"]),
    ];

    /// <summary>Complaints that a fixed phrase cannot express (a number of weeks, a wait).</summary>
    internal static readonly LexiconPattern[] Patterns =
    [
        new(WaitedWeeksEnglish(), TermKind.Complaint, Logistics, Default),
        new(WaitedWeekEnglish(), TermKind.Complaint, Logistics, Default),
        new(WaitedDaysChinese(), TermKind.Complaint, Logistics, Fixed),
    ];

    /// <summary>All literal entries, grouped by their first character and longest first.</summary>
    internal static readonly IReadOnlyDictionary<char, LexiconEntry[]> ByFirstChar = Groups
        .SelectMany(group => group.Words.Select(word => new LexiconEntry(word, group.Kind, group.Cause, group.Binding)))
        .GroupBy(entry => entry.Text[0])
        .ToDictionary(
            chars => chars.Key,
            chars => chars.OrderByDescending(entry => entry.Text.Length).ToArray());

    // ---- Modifiers, read in the few characters or words before a term ----

    /// <summary>Chinese negators; a term right after one flips (不满意, 没有色差, 一点也不扎, 不是很满意).</summary>
    internal static readonly string[] ChineseNegators = ["一点也不", "一点都不", "并不", "从不", "从没", "毫无", "没有", "没", "不", "无", "未"];

    /// <summary>Chinese negations that follow the term: "一点问题都没有".</summary>
    internal static readonly string[] ChinesePostNegators = ["都没有", "也没有", "都没", "也没", "完全没有"];

    internal static readonly string[] ChineseIntensifiers = ["非常", "特别", "十分", "极其", "超级", "真的", "相当", "严重", "完全", "根本", "很", "太", "超", "极", "巨", "贼", "好"];

    internal static readonly string[] ChineseDiminishers = ["有点", "有些", "稍微", "略", "一点"];

    internal static readonly HashSet<string> EnglishNegators = new(StringComparer.Ordinal)
    {
        "not", "no", "zero", "never", "without", "hardly", "nothing", "none", "nor", "neither", "nobody", "cannot", "dont", "doesnt",
        "didnt", "wasnt", "isnt", "cant", "wont", "arent", "werent",
    };

    internal static readonly HashSet<string> EnglishIntensifiers = new(StringComparer.Ordinal)
    {
        "very", "really", "so", "too", "extremely", "super", "incredibly", "absolutely", "totally", "way", "painfully",
        "highly", "truly", "completely", "terribly", "awfully", "quite", "pretty", "utterly",
    };

    internal static readonly HashSet<string> EnglishDiminishers = new(StringComparer.Ordinal)
    {
        "bit", "little", "slightly", "somewhat", "kinda", "mildly",
    };

    // ---- Legal and regulatory action ----

    /// <summary>
    /// Mentions of legal or regulatory action. Numbers are matched only as whole numbers and not as prices or
    /// quantities ("315" is not found in "1315元", "3150mAh", "A315", "315元" or "$315"). These lean towards flagging:
    /// a false alarm costs a supervisor a look, a miss costs an automatic reply to a legal threat.
    /// </summary>
    internal static readonly Regex[] Legal =
    [
        LegalWordsEnglish(),
        LegalActionEnglish(),
        RegulatorsEnglish(),
        ReportedToEnglish(),
        LegalWordsChinese(),

        // A whole number, not a price: "1315元", "3150mAh", "A315", "$315", "315 dollars" are not the 315 hotline.
        ComplaintHotline(),
    ];

    // Source-generated: no regex is parsed or compiled at start-up. Latin word edges are spelled out rather than \b,
    // which sees no edge between a Chinese character and a Latin letter ("找lawyer").
    [GeneratedRegex(@"(?<![a-z0-9])(?:took|take|takes|waited|waiting|wait)\s+(?:(?:almost|nearly|over|about|more\s+than)\s+)?(?:a|an|one|two|three|four|five|six|several|many|\d+)\s+(?:weeks?|months?)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex WaitedWeeksEnglish();

    [GeneratedRegex(@"(?<![a-z0-9])(?:waited|waiting)\s+(?:a|one|over a|more than a)?\s*(?:week|month)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex WaitedWeekEnglish();

    [GeneratedRegex(@"(?:半个月|一个月|一周|一个星期|\d+天|[一二三四五六七八九十]+天)(?:了)?(?:才到|才发货|才收到|还没到|都没到)", RegexOptions.CultureInvariant)]
    private static partial Regex WaitedDaysChinese();

    [GeneratedRegex(@"(?<![a-z0-9])(?:lawyers?|attorneys?|solicitors?|lawsuits?|litigation|court|courts|sued|suing|sue)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex LegalWordsEnglish();

    [GeneratedRegex(@"(?<![a-z0-9])legal\s+(?:action|proceedings|steps|advice)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex LegalActionEnglish();

    [GeneratedRegex(@"(?<![a-z0-9])(?:consumer\s+(?:protection|rights|council|affairs|agency)|regulators?|trading\s+standards|ombudsman|better\s+business\s+bureau|bbb|ftc|small\s+claims)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex RegulatorsEnglish();

    [GeneratedRegex(@"(?<![a-z0-9])report(?:ing|ed)?\s+(?:you|this|it|them|the\s+seller|this\s+seller|the\s+shop|this\s+shop)?\s*to(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex ReportedToEnglish();

    [GeneratedRegex(@"律师|起诉|法院|诉讼|仲裁|打官司|法律|投诉到|工商|消协|消费者协会|市场监管|市场监督|监管部门|监管局|市监局|报警|维权", RegexOptions.CultureInvariant)]
    private static partial Regex LegalWordsChinese();

    [GeneratedRegex(@"(?<![0-9a-z.$¥￥€£])(?:12315|315)(?![0-9a-z]|[.,][0-9])(?!\s*(?:元|块|rmb|yuan|dollars?|usd|bucks|euros?|pounds?|gbp|hkd|mah|ml|g\b|kg|cm|mm))", RegexOptions.CultureInvariant)]
    private static partial Regex ComplaintHotline();
}
