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
            "好", "很好", "好评", "五星好评", "不错", "满意", "喜欢", "推荐", "点赞", "赞", "棒", "完美", "精致", "精细", "值得", "划算", "满分", "回购",
            "放心", "实用", "可爱", "惊喜", "给力", "好吃", "好喝", "好看", "漂亮", "没毛病", "没得说", "没话说", "不愧", "优秀", "超赞", "一如既往", "下次还来",
            "还会再来", "五星", "good", "great", "excellent", "amazing", "awesome", "perfect", "perfectly", "love", "loves",
            "loved", "love it", "like it", "i like", "liked", "happy", "satisfied", "pleased", "recommend",
            "recommended", "beautiful", "gorgeous", "nice", "lovely", "cute", "cozy", "soft", "impressed", "best",
            "wonderful", "fantastic", "glad", "delighted", "five stars", "5 stars", "would buy again", "thank you",
            "honestly excellent", "does the job", "as expected",
        ]),
        // Praise without a cause of its own: general Chinese words of approval
        (TermKind.Praise, null, Default,
        [
            "甜", "很甜", "香甜", "好甜", "清甜", "新鲜", "很新鲜", "香", "很香", "清香", "好闻", "好听", "清晰", "很清晰", "流畅", "顺畅", "顺滑", "柔软",
            "柔顺", "细腻", "光滑", "干净", "清爽", "滋润", "水润", "舒适", "小巧", "轻巧", "轻便", "时尚", "大方", "美观", "精美", "高端", "大气", "上档次",
            "高大上", "靠谱", "信赖", "值得信赖", "信任", "相信", "支持", "感谢", "谢谢", "多谢", "辛苦了", "爱了", "超爱", "很爱", "挺好", "蛮好", "真好",
            "很棒", "超棒", "物超所值", "物有所值", "合算", "优惠", "速度快", "神速", "及时", "迅速", "很及时", "包装好", "完好", "仔细", "周到", "专业",
            "有保障", "有保证", "齐全", "强大", "强劲", "稳定", "方便", "很方便", "省心", "省事", "顺手", "适中", "帅", "美", "好美", "很美", "有效", "见效",
            "效果好", "效果不错", "效果明显", "继续购买", "还会再买", "下次还买", "会再来", "再来", "一直在买", "一直用", "老顾客", "开心", "高兴", "愉快", "欣慰",
            "出色", "经典", "精彩", "感人", "感动", "受益", "受益匪浅", "有收获", "有用", "有意思", "有趣", "好玩", "引人入胜", "值得一读", "值得一看", "值得购买",
            "名不虚传", "杠杠的", "无可挑剔", "超出预期", "超出期待", "性价比不错", "清楚", "够用", "快捷", "灵敏", "耐穿", "耐磨", "显瘦", "修身", "百搭", "质感",
            "有质感", "手感好", "柔和", "光亮", "鲜艳", "正宗", "地道", "口感好", "口感不错", "好消化", "营养", "健康", "放心吃", "安心", "踏实", "满足", "过瘾",
            "痛快", "赞一个", "赞赞", "必须好评", "必须五星", "好评如潮", "买对了", "没买错", "不后悔", "很值", "超划算", "很划算", "很实惠", "很便宜", "白菜价",
            "良心", "良心商家", "厚道", "诚信", "守信", "负责", "认真", "细心", "快速", "很快捷", "秒到", "次日达", "当天到", "第二天就到", "隔天就到", "按时",
            "如期", "完整", "无损", "不错哦", "喜欢喜欢", "非常好", "非常满意", "很满意", "很喜欢", "推荐购买", "强烈推荐", "值得推荐", "值得拥有", "值了", "好货",
            "好东西", "宝贝", "棒棒哒", "棒棒的", "美美的", "萌", "好可爱", "漂亮的",
        ]),
        // English praise: clothing and beauty shops' words of approval
        (TermKind.Praise, null, Default,
        [
            "flattering", "flatters", "comfy", "stunning", "adorable", "elegant", "classy", "chic", "versatile",
            "compliments", "compliment", "fits well", "fits great", "fit great", "fits nicely", "runs true",
            "high quality", "great quality", "good quality", "nice quality", "quality is great", "quality is good",
            "beautifully", "pretty", "favorite", "favourite", "obsessed", "must have", "must-have", "keeper", "go-to",
            "highly recommend", "works wonders", "smells amazing", "smells great", "smells good", "in love", "so happy",
            "so pleased", "worth every penny", "great price", "good price", "perfect fit", "fits like a glove",
            "bought another", "ordered another", "bought it in", "ordered it in", "glad i bought", "super cute",
            "incredible", "outstanding", "superb", "fabulous", "fab", "stylish", "flowy", "drapes nicely",
            "drapes beautifully", "hangs nicely", "slimming", "well worth", "holds up", "washes well", "easy to wear",
            "easy to use", "effective", "gentle", "smooth", "silky", "moisturizing", "hydrating", "nourishing",
            "refreshing", "lightweight", "breathable", "warm", "roomy", "spacious", "vibrant", "vivid", "classic",
            "timeless", "sophisticated", "polished", "sleek", "luxurious", "best purchase", "best buy", "great buy",
            "good buy", "great deal", "steal", "recommend it", "recommend this", "5 star", "five star", "thrilled",
            "ecstatic", "grateful", "thankful", "exceptional", "brilliant", "terrific", "splendid", "love this",
            "love these", "loved it", "love them", "love the", "loving", "adore", "adored", "fell in love", "fun",
            "flawless", "well designed", "well-designed", "so cute", "wow", "a+", "10/10", "gets the job done",
            "does what it says", "does its job", "works perfectly", "exactly what i wanted", "exactly as described",
            "exactly what i needed", "just what i wanted", "just right", "very happy", "extremely happy",
            "very pleased", "highly recommended", "fits true to size", "flattering fit", "feminine", "unique",
            "eye-catching", "wearable", "staple", "workhorse", "effortless", "amazed", "love how", "love that",
            "loves it", "love the way",
        ]),
        // Praise that holds a complaint character
        (TermKind.Praise, null, Default,
        [
            "皮薄", "纤薄", "轻薄", "华贵", "贵气", "珍贵", "宝贵", "问题解决了", "解决了问题", "再好不过", "不能再好", "不能错过", "没得挑", "挑不出毛病", "挑不出",
            "没的说",
        ]),
        // Praise of food and handling
        (TermKind.Praise, null, Default,
        [
            "灵活", "脆", "很脆", "香脆", "爽口", "可口", "香甜可口", "鲜美", "美味", "好处多", "质量过硬", "过硬",
        ]),
        // Praise spelled with a negation
        (TermKind.Praise, null, Default,
        [
            "没什么不好", "没有什么不好", "没有不好", "不敢相信", "难以置信", "简直不敢相信", "爱不释手", "没得挑剔", "没法挑",
        ]),
        // English praise phrases
        (TermKind.Praise, null, Default,
        [
            "exactly what i expected", "what i expected", "just what i expected", "can't say enough",
            "cannot say enough", "will buy again", "will definitely buy again", "would definitely buy again",
            "buy again", "will order again", "would order again", "will be ordering more", "repurchase",
            "will repurchase", "would recommend", "definitely recommend", "i recommend", "no complains", "hard to find",
            "so glad", "very glad", "pleasantly surprised", "a must", "my go-to", "holy grail", "works like a charm",
            "worth the money", "worth the price", "fits perfect", "fit perfect", "looks great", "looks amazing",
            "looks good", "feels great", "feels good", "feels amazing", "super soft", "so soft", "very soft",
            "nice and soft", "true to color", "as advertised", "10 stars", "love it!", "smells nice",
            "smells wonderful", "great product", "good product", "nice product", "excellent product", "great shoes",
            "great dress", "great top", "great fit", "good fit", "nice fit", "well worth it", "very nice", "very good",
            "very comfortable", "so comfortable", "extremely comfortable", "super comfortable", "really comfortable",
            "really nice", "really cute", "so pretty", "very pretty", "really pretty", "beautiful dress",
            "favorite dress", "favorite top",
        ]),
        // Praise of looks and feel
        (TermKind.Praise, null, Default,
        [
            "很正", "颜色很正", "上镜", "很上镜", "高级", "很高级", "couldn't be happier", "could not be happier",
            "won't leave it alone",
        ]),
        // Praise: its strengths
        (TermKind.Praise, null, Default,
        [
            "优点", "优点很多", "优点多", "很多优点", "无可替代", "不可替代", "独一无二",
        ]),
        // English praise spelled with a negation
        (TermKind.Praise, null, Default,
        [
            "what's not to love", "whats not to love", "never lets me down", "never let me down", "can't go wrong",
            "cannot go wrong", "you can't go wrong",
        ]),
        // Praise that holds a complaint shape
        (TermKind.Praise, null, Default,
        [
            "很热情", "好热情", "特别热情", "非常热情", "超热情", "少不了", "错不了", "忘不了", "离不开",
        ]),
        // Praise by coming back
        (TermKind.Praise, null, Default,
        [
            "第二次购买", "第二次买", "第三次购买", "第三次买", "又买了", "再次购买", "多次购买", "买了好几次", "买了很多次", "一直买", "老客户", "回头客", "又来买",
            "又来了",
        ]),
        // Praise of an honest seller, and interest
        (TermKind.Praise, null, Default,
        [
            "很实在", "实在人", "商家实在", "有兴趣", "很感兴趣", "感兴趣",
        ]),
        // Praise of wear
        (TermKind.Praise, null, Default,
        [
            "耐脏", "很耐脏",
        ]),
        // Praise of strength
        (TermKind.Praise, null, Default,
        [
            "厉害", "很厉害", "太厉害了", "真强", "很强", "敬业", "超强", "真不错", "好极了", "棒极了",
        ]),
        // Praise spelled as a denied disappointment (read whole, before "disappoint")
        (TermKind.Praise, null, Default,
        [
            "didn't disappoint", "did not disappoint", "doesn't disappoint", "does not disappoint", "never disappoints",
        ]),
        (TermKind.Praise, Quality, Default,
        [
            "好用", "耐用", "舒服", "保暖", "扎实", "结实", "品质有保证", "质量好", "做工精细", "正品", "comfortable", "solid", "sturdy",
            "durable", "well made", "well-made", "works", "works great", "works fine", "work", "turn on", "turns on",
            "works well", "usable",
        ]),
        (TermKind.Praise, Logistics, Default,
        [
            "快", "超快", "很快", "发货快", "严实", "完好无损", "准时", "送货上门", "fast", "quick", "quickly", "early", "on time",
            "well packed", "fast shipping",
        ]),
        (TermKind.Praise, Service, Default,
        [
            "耐心", "热情", "贴心", "用心", "态度好", "态度很好", "态度特别好", "服务好", "helpful", "kind", "friendly", "responsive",
            "great seller",
        ]),
        (TermKind.Praise, Price, Default,
        [
            "便宜", "实惠", "值", "性价比高", "超值", "物美价廉", "worth", "worth it", "value", "good value", "cheaper", "bargain",
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

        // Praise read whole, so 很好 does not take its first two characters
        (TermKind.Praise, null, Default,
        [
            "很好看", "真好看", "超好看", "好好看", "很好吃", "真好吃", "超好吃", "很好喝", "很好闻", "很好听",
        ]),
        // Praise: fit for the buyer, thorough, strong, long-lasting, first choice
        (TermKind.Praise, null, Default,
        [
            "适合", "挺适合", "很适合", "非常适合", "到位", "很到位", "靓", "很靓", "均衡", "很均衡", "全面", "很全面", "锦上添花", "威武", "霸气", "最爱", "我的最爱",
            "超长待机", "待机时间长", "待机长", "续航长", "续航好", "保温时间长", "保温效果好", "续航时间长", "无懈可击", "超卓", "续上", "果断入手", "果断下单", "果断",
            "准确", "精准", "物美", "非常之快", "很感谢", "服务到位", "安装到位", "很轻便", "超轻便", "出类拔萃", "名列前茅", "首选",
        ]),
        // Praise: coming back, full marks, worth its price
        (TermKind.Praise, null, Default,
        [
            "还会来", "下次还会来", "下次再来", "全评", "五分", "满五星", "全五分", "全五星", "对得起", "挺对得起", "不用说了", "就不用说了", "最好的",
        ]),
        // English praise: coming back, a price hard to believe
        (TermKind.Praise, null, Default,
        [
            "what more can i say", "what else can you say", "3rd purchase", "third purchase", "second purchase",
            "repeat purchase", "go to", "cannot believe the price", "can't believe the price", "ideal", "charming",
            "inexpensive", "affordable", "she loves it", "he loves it", "loved by",
        ]),
        // English praise: another one for me, spot on, it lasted
        (TermKind.Praise, null, Default,
        [
            "pleasant", "very pleasant", "by far the best", "getting myself another", "get another", "buy another",
            "another one", "spot on", "made for me", "dropped the mic", "survived", "holds up well",             "still going strong",         ]),
        // ---- Complaints with no cause of their own (a topic in the clause may give one) ----
        (TermKind.Complaint, null, Default,
        [
            "差", "太差", "很差", "极差", "垃圾", "失望", "后悔", "坑", "坑人", "糟糕", "烂", "差评", "退货", "退款", "再也不买", "再也不会买", "上当",
            "骗人", "无语", "不行", "问题", "毛病", "不怎么样", "不爽", "麻烦", "投诉", "不推荐", "缺点", "少发", "漏发", "恶心", "坑爹", "一星", "举报",
            "不理想", "别买", "心疼", "看不懂", "糟心", "闹心", "鸡肋", "智商税", "不好使", "terrible", "awful", "horrible", "worst",
            "garbage", "junk", "rubbish", "disappointed", "disappointing", "disappointment", "waste", "regret",
            "never again", "useless", "poor", "bad", "problem", "problems", "issue", "issues", "complain", "complaint",
            "complaints", "unhappy", "refund", "missing", "downside", "mediocre", "thanks for nothing", "ridiculous",
            "hurts", "do not buy", "don't buy", "not impressed", "not so much", "hard to use", "difficult to use",
            "let down", "letdown", "nightmare", "shame",
        ]),
        // Complaints without a cause of their own: general Chinese words of disapproval
        (TermKind.Complaint, null, Default,
        [
            "难吃", "难喝", "难看", "难闻", "难受", "差劲", "太差劲", "被骗", "忽悠", "坑货", "慎买", "慎重购买", "需谨慎", "谨慎购买", "千万别", "千万不要",
            "不要买", "太坑", "无法", "不能", "吵", "太吵", "很吵", "模糊", "很模糊", "脏", "很脏", "破", "破了", "歪", "歪歪扭扭", "过敏", "起痘", "长痘",
            "刺激", "不甜", "没味", "没味道", "没有味道", "寡淡", "腥", "臭", "馊", "烂果", "坏果", "个头小", "分量少", "缺斤少两", "少了", "缺少", "没有送",
            "没送", "不送", "也不送", "没给", "没有给", "没有赠品", "无聊", "空洞", "乏味", "枯燥", "单调", "看不下去", "不知所云", "莫名其妙", "混乱", "错字",
            "盗版", "印刷差", "字迹模糊", "过分", "太过分", "离谱", "黑心", "无良", "奸商", "黑店", "欺诈", "诈骗", "霸王条款", "郁闷", "气人", "生气", "心塞",
            "崩溃", "晕菜", "吐槽", "无力吐槽", "抵制", "呸", "渣", "很渣", "太渣", "可恶", "可气", "不靠谱", "不负责", "不专业", "推诿", "乱收费", "额外收费",
            "太黑", "二手货", "翻新", "翻新机", "返修", "用过的", "山寨", "不对", "搞错", "搞错了", "弄错", "错了", "没到", "未到", "延迟", "延误", "拖延",
            "耽误", "太晚", "催了", "没回应", "没有回应", "没有回复", "没人回复", "不满", "不满意", "遗憾", "很遗憾", "不足", "不足之处", "故障", "报废", "返厂",
            "怀疑", "质疑", "将就", "勉强", "也就这样", "一般化", "掉价", "降级", "缩水了", "变味", "不好吃", "不好喝", "不好看", "不好用", "不舒服", "不方便",
            "不清楚", "不清晰", "不稳定", "不灵敏", "不流畅", "不耐用", "太失望", "非常失望", "很失望", "大失所望", "心累", "折腾", "折腾人", "费劲", "费事", "费时",
            "浪费", "浪费钱", "浪费时间", "白买", "白花钱", "交智商税", "被坑", "又坑", "太坑了", "坑爹啊", "悲剧", "杯具", "郁闷死了", "无奈", "很无奈", "无语了",
            "醉了", "服了", "呵呵哒", "哎呀", "囧", "尴尬", "憋屈", "窝火", "火大", "恼火", "失败", "糟透了", "一塌糊涂", "乱七八糟", "敷衍了事", "偷工减料",
            "货不对版", "不合格", "不达标", "有毒", "致癌", "中毒", "拉肚子", "吃坏", "闹肚子", "头疼", "头晕", "刺痛", "痒", "发痒", "脱发", "掉发", "头屑",
            "更油", "油腻", "干涩", "干燥", "起皮", "紧绷", "泛红", "红肿", "再也不", "再也没", "不会再买", "不会再来", "再也不来", "拉黑了", "不敢买", "不敢再买",
            "永远不会", "没有下次", "最后一次", "不推荐购买", "不建议购买", "建议别买", "劝退", "避雷", "踩雷", "踩坑", "雷", "大坑", "巨坑", "巨差", "超差", "太烂",
            "很烂", "稀烂", "破烂", "烂透了", "不及格", "差强人意", "不尽人意", "不尽如人意", "令人失望", "让人失望", "不能接受", "无法接受", "接受不了", "受不了",
            "忍不了", "忍无可忍",
        ]),
        // English complaints: what clothing and beauty buyers say when it did not work out
        (TermKind.Complaint, null, Default,
        [
            "sent back", "send back", "sending back", "send it back", "sent it back", "sending it back", "returned",
            "returning", "return it", "returned it", "will be returning", "going back", "has to go back",
            "had to return", "wanted to love", "wanted to like", "really wanted to", "i wanted to", "wanted so badly",
            "unflattering", "not flattering", "boxy", "frumpy", "shapeless", "sloppy", "huge", "baggy", "itchy",
            "wrinkles", "wrinkled", "wrinkle", "pilled", "pills", "snag", "snagged", "snags", "hole", "holes", "stain",
            "stains", "lint", "irritated", "irritation", "rash", "burned", "burning", "greasy", "sticky", "oily",
            "broke out", "breakout", "breakouts", "no difference", "did nothing", "doesn't do anything", "does nothing",
            "not worth", "overpowering", "too strong", "strong smell", "weak", "watery", "sad", "unfortunate", "odd",
            "weird", "strange", "awkward", "bulky", "gaping", "gapes", "see-through", "see through", "sheer",
            "transparent", "cheaper looking", "not what i expected", "not as expected", "not the same",
            "different than", "not for me", "wasn't for me", "didn't work for me", "did not work for me", "just not",
            "doesn't work for me", "did not like", "didn't like", "don't like", "do not like", "dislike", "hate",
            "hated", "not happy", "not pleased", "not satisfied", "dissatisfied", "bummer", "bummed", "pity",
            "horrendous", "atrocious", "dreadful", "appalling", "pathetic", "lousy", "crappy", "crap", "trash",
            "cheapo", "worthless", "not good", "no good", "not great", "wasn't great", "not really", "unsure",
            "confused", "confusing", "exchanged", "refunded", "money back", "unwearable", "unusable", "poorly made",
            "poor fit", "weird fit", "odd fit", "awkward fit", "fit is off", "fit was off", "strange fit", "cut is off",
            "hoped", "was hoping", "had hoped", "expected more", "expecting", "underwhelmed", "underwhelming",
            "nothing like", "not like", "misrepresented", "mislabeled", "too much", "not enough", "lacks", "lacking",
            "lacked", "failed", "fails", "fail", "mess", "messy", "ruined", "ruins", "quit working", "smelled",
            "smells weird", "smells bad", "smells like", "rough", "harsh", "drying", "dried out", "burns", "stung",
            "stings", "allergic", "reaction", "headache", "clumpy", "patchy", "streaky", "flaky", "chalky", "cakey",
            "separated", "spilled", "missing pieces", "bent", "loose threads", "loose", "unraveling", "unravelled",
            "came undone", "split", "splitting",
        ]),
        // Complaints rebuilt without their ambiguous single characters
        (TermKind.Complaint, null, Default,
        [
            "很卡", "有点卡", "太卡", "卡卡的", "卡住", "老是卡", "经常卡", "好卡", "超卡", "累死", "太累", "哎呀呀",
        ]),
        // More complaints: wishes that something were otherwise, comparisons that lose, and plain faults
        (TermKind.Complaint, null, Default,
        [
            "太次", "很次", "质量次", "倒闭", "无耻", "不要脸", "无赖", "不像话", "吓人", "太吓人", "可怕", "恐怖", "就好了", "要是能", "最好能", "早知道",
            "早知道就", "后悔了", "还不如", "不如去", "不象", "怪怪的", "奇怪", "很木", "发木", "打湿", "湿了", "鼓起", "红斑", "起泡", "不灵活", "不脆",
            "不好玩", "不好听", "不好闻", "不实用",
        ]),
        // Faults that need no complaint word: too much or too little of something
        (TermKind.Complaint, null, Default,
        [
            "好贵", "好小", "好慢", "好差", "好难", "好烂", "好坑", "好累", "好麻烦", "好失望", "好薄", "好短", "好丑", "好臭", "好重", "好脏", "好难吃",
            "好难用", "丑", "太丑", "很丑", "这么丑", "好不到哪", "不合理", "有待改进", "待改进", "有待提高", "有待加强", "流水帐", "流水账", "没什么特色", "没特色",
            "可买可不买", "糊弄", "误导", "砸招牌", "远离", "不喝", "不买了", "以后都不", "以后不", "不会再", "不敢送人", "太假", "刺眼", "发热", "疲劳", "看不清",
            "听不清", "没有心情", "不走心", "洒出来", "洒了", "无心", "谈不上", "过于夸张", "夸张", "不可原谅", "德行", "眼花", "打蜡", "死掉", "篡改", "出错",
            "笑掉大牙", "蛇皮袋", "不可接受", "为啥", "凭什么", "怎么回事", "怎么没有", "怎么还", "怎么这么", "不知为啥", "不知为何", "不知道为什么", "没有发票", "没发票",
            "没有说明书", "没有配件", "没有耳机", "没有充电器", "没有数据线", "没数据线", "没有保护膜", "没有贴膜", "没有填充物", "没有售后", "没有地线", "没有包装", "太高",
            "太低", "太少了", "太硬", "太软", "太油", "太干", "太甜", "太咸", "太酸", "太淡", "太苦", "太腻", "太重", "太轻", "太薄", "太厚", "太粗", "太细",
            "太窄", "太宽", "太闷", "太热", "太冷", "太亮", "太暗了", "太响", "太吵了", "有点硬", "有点重", "有点薄", "有点厚", "有点小", "有点大", "有点暗",
            "有点吵", "有点热", "有点烫", "有点松", "有点紧", "有点不方便", "有点失望", "有点麻烦", "比较小", "比较重", "比较薄", "比较吵", "比较慢", "比较贵", "比较差",
            "比较硬", "比较暗", "比较短", "不能用了", "用不了多久", "续航短", "屏幕小", "像素低", "分辨率低", "速度慢", "启动慢",
        ]),
        // English complaints: disappointment, and wishes that it were otherwise
        (TermKind.Complaint, null, Default,
        [
            "disappoint", "over powering", "overpowered", "not impressed with", "not worth the", "could have been",
            "should have been", "would have been better", "would be better", "wish it", "i wish", "just wish",
            "only wish", "if only", "too bad",
        ]),
        // Complaints stated as facts: a parcel opened before, a claim the buyer quotes
        (TermKind.Complaint, null, Default,
        [
            "in pieces", "been opened", "already opened", "was opened", "taped back up", "taped up", "resealed",
            "re-sealed", "号称", "声称",
        ]),
        // Advice to stay away, not to avoid frizz
        (TermKind.Complaint, null, Default,
        [
            "avoid this", "avoid it", "avoid at all costs", "avoid this seller", "avoid this product",
        ]),
        // More complaints: thrown away, unripe, fake, warned about
        (TermKind.Complaint, null, Default,
        [
            "扔了", "全扔了", "扔掉了", "都扔了", "很假", "更假", "广告假", "涩", "好涩", "很涩", "发涩", "没熟", "不熟", "没必要", "没有必要", "好晕", "晕死",
            "晕了", "撒了", "不当人", "一定小心", "大家小心", "请大家小心", "不利", "负面", "瞠目结舌", "悲哀", "悲凉", "悲惨", "抄袭", "很乱", "太乱", "不打算再买",
            "不想再买", "不再买", "不会再来了", "上当了",
        ]),
        // More complaints: wants improving, no interest, out of stock, a joke
        (TermKind.Complaint, null, Default,
        [
            "有待改善", "待改善", "需要改进", "需改进", "没兴趣", "没有兴趣", "没有一点兴趣", "不感兴趣", "没货", "没货了", "缺货", "joke", "a joke",
            "serious joke", "gave up", "struggled", "struggle", "needs to be", "need to be", "can't wear",
            "cannot wear", "can't wear it", "won't wear", "not at all what", "not what is shown", "not what was shown",
            "makes it look cheap", "look cheap",
        ]),
        // Complaints: curses, dismissals, waits
        (TermKind.Complaint, null, Default,
        [
            "去死", "辞退", "厌世", "半天才",
        ]),

        // ---- Complaints about logistics ----
        (TermKind.Complaint, Logistics, Fixed,
        [
            "暴力运输", "物流太慢", "快递太慢", "发货太慢", "丢件", "还没收到", "没收到", "没发货", "还没发", "没发", "晚到", "到货慢", "物流慢", "不更新", "还在路上",
            "物流停滞", "没送到", "送错", "不送货上门", "不送上门", "arrived broken", "arrived damaged", "arrived smashed",
            "arrived cracked", "never arrived", "didn't arrive", "did not arrive", "hasn't updated", "not updated",
            "lost in transit", "late", "delayed", "delay", "weeks to arrive", "took forever to ship",
            "stuck in customs", "held at customs", "wrong address", "misdelivered", "left in the rain", "left outside",
            "to get here",
        ]),
        (TermKind.Complaint, Logistics, Default,
        [
            "慢", "太慢", "很慢", "破损", "压扁", "压坏", "碎了", "碎的", "凹", "等了", "扔在", "乱扔", "简陋", "好久才到", "迟迟", "磕坏", "磕碰", "瘪",
            "丢了", "slow", "crushed", "smashed", "dented", "damaged", "threw", "thrown", "lost", "soaked",
            "still waiting",
        ]),
        // Logistics complaints a topic may reassign: a box crushed in transit, support that took ages
        (TermKind.Complaint, Logistics, Default,
        [
            "变形", "took forever", "took ages", "被人拿走", "被拿走", "拿走了", "soaking wet", "soaked through", "wet on arrival",
            "nothing came", "never came", "never showed up", "didn't come", "did not come", "放门口", "放在门口",
        ]),

        // ---- Complaints about product quality ----
        (TermKind.Complaint, Quality, Fixed,
        [
            "坏了", "坏点", "划痕", "掉色", "褪色", "起球", "开线", "开胶", "脱胶", "线头", "漏液", "漏水", "不能用", "用不了", "不能充电", "充不进电", "不亮",
            "跳闸", "断了", "裂了", "粗糙", "异味", "怪味", "刺鼻", "很重的味道", "味道很重", "味道太大", "味道很大", "卡顿", "死机", "质量差", "质量太差", "做工差",
            "掉毛", "生锈", "发霉", "难用", "罢工", "缩水", "烫手", "不结实", "容易坏", "质量不行", "失灵", "没反应", "接触不良", "断裂", "掉漆", "掉皮", "脱线",
            "破洞", "瑕疵", "次品", "残次品", "劣质", "松动", "异响", "发烫", "结块", "过期", "变质", "不新鲜", "stopped working", "doesn't work",
            "does not work", "don't work", "not working", "doesn't charge", "won't charge", "defective", "faulty",
            "broke", "breaks", "feels cheap", "cheaply made", "flimsy", "peeling", "peeled", "faded", "fades", "fading",
            "scratches", "scratched", "chemical smell", "stinks", "loud", "noisy", "snapped", "fell off", "ripped",
            "torn", "tore", "cracked", "rusty", "dies", "caught fire", "scratchy", "fell apart", "poor quality",
            "terrible quality", "falls apart", "came off", "came apart", "stiff", "hard to open", "dead on arrival",
            "doa", "fraying", "frayed", "wobbly", "wobbles", "squeaky", "squeaks", "overheats", "overheating",
            "stained", "shrunk", "shrinks", "pilling", "bobbling", "expired", "stale", "mouldy", "moldy",
            "cheap looking", "looks cheap",
        ]),
        (TermKind.Complaint, Quality, Default,
        [
            "坏", "漏了", "漏", "薄", "扎", "味道大", "broken", "leaks", "leaking", "leaked", "thin",
        ]),
        // Product faults: broke soon, weak battery, a slow or noisy machine
        (TermKind.Complaint, Quality, Fixed,
        [
            "就坏", "就坏了", "就裂", "就裂了", "就漏", "就漏了", "就不行了", "没几天就", "没用多久", "掉电", "耗电", "费电", "耗电快", "掉电快", "续航差", "待机短",
            "待机时间短", "信号差", "信号不好", "没信号", "发热严重", "风扇响", "噪音大", "声音小", "声音太小", "音质差", "反应慢", "运行慢", "开机慢", "发热量大",
            "跑不动", "杂音", "重影", "反复重启", "自动关机",
        ]),
        // Product faults named by the fault itself
        (TermKind.Complaint, Quality, Fixed,
        [
            "噪音", "噪音有点大", "闪退", "蓝屏", "黑屏", "花屏", "卡死", "不兼容", "断连", "老是断", "断开", "廉价", "很廉价", "鼓包", "着火", "起火", "发黄",
            "变黄", "有点怪", "怪味道", "sheds", "shedding", "crashing", "crashes", "keeps crashing", "crashed", "washed out",
            "died", "died after", "smells strongly", "smells of plastic", "smells like plastic", "stopped charging",
            "won't turn on", "wouldn't turn on", "doesn't turn on",
        ]),
        // Product faults: it will not start, connect, charge or install
        (TermKind.Complaint, Quality, Fixed,
        [
            "进不去", "打不开", "装不了", "装不上", "连不上", "开不了", "开不了机", "充不上", "充不进", "插不进", "用不上", "登不上", "启动不了", "刷不了", "读不出",
            "识别不了", "就掉了", "死了", "挂了", "直接死", "特别热", "特别的热", "很热", "好热", "巨热",
        ]),
        // Product faults in English
        (TermKind.Complaint, Quality, Fixed,
        [
            "didn't last", "did not last", "doesn't last", "worn through", "wore through", "worn right through",
            "holes after", "turned into a crop top", "shrank", "shrink up", "shrunk up",
        ]),
        // Product faults: slow, dirty-looking, only for show
        (TermKind.Complaint, Quality, Fixed,
        [
            "反应迟钝", "迟钝", "不耐脏", "容易脏", "太容易脏", "积灰", "容易积灰", "摆设", "是摆设",
        ]),

        // Product faults: looks over use, gaps, a plastic feel
        (TermKind.Complaint, Quality, Fixed,
        [
            "中看不中用", "失真", "隙缝", "缝隙", "塑料感", "塑料的感觉",
        ]),
        // It did not last
        (TermKind.Complaint, Quality, Fixed,
        [
            "only lasted", "lasted only", "barely lasted",
        ]),
        // ---- Complaints that the item is not as described or expected ----
        // Not as described: what it was said to be, and what it is
        (TermKind.Complaint, NotAsDescribed, Fixed,
        [
            "结果是", "实际上是", "实际是", "贴牌", "比图片", "浅好多", "浅很多", "深很多", "深好多", "advertised as", "it's actually",
            "it is actually", "actually grey", "picture shows", "the picture shows", "pictures show", "photo shows",
            "not the shade", "not the colour", "not the color", "labelled as", "labeled as", "described as",
        ]),
        (TermKind.Complaint, NotAsDescribed, Fixed,
        [
            "色差", "不一样", "不符", "与描述不符", "和描述不符", "货不对板", "假货", "假的", "仿品", "发错", "发错货", "发错颜色", "旧的", "被人用过", "有人用过",
            "二手", "欺骗", "虚假宣传", "骗子", "以次充好", "偏浅", "浅了", "偏深", "深了", "差了一大截", "不像图片", "没有想象中", "没有想象中好", "没有想象中的好",
            "没想象中好", "没有想象的好", "不如想象", "图片仅供参考", "not as described", "not as pictured", "not as advertised",
            "looks nothing like", "nothing like the picture", "nothing like the pictures", "nothing like the photos",
            "different from the picture", "different from the pictures", "fake", "counterfeit", "knock-off", "knockoff",
            "not genuine", "not the genuine", "wrong color", "wrong colour", "wrong item", "wrong size",
            "not what i ordered", "not as good as", "photoshopped", "used one", "second-hand", "secondhand",
            "someone else's", "not like the photo", "not like the picture", "false advertising", "misleading",
        ]),
        (TermKind.Complaint, NotAsDescribed, Default,
        [
            "偏暗", "太暗", "暗很多", "太少", "smaller than", "expected better", "expected much better", "expected a lot better",
            "way off",
        ]),

        // ---- Complaints about size and fit ----
        // Size complaints: tight, baggy, a wrong size chart
        (TermKind.Complaint, SizeFit, Fixed,
        [
            "紧得", "紧得不行", "太肥", "肥了", "偏肥了", "没法穿", "穿不了", "too snug", "way too snug", "snug", "尺码表不准", "尺码不准",
            "size chart is wrong", "sizing is off", "sizing was off",
        ]),
        // Size complaints by comparison
        (TermKind.Complaint, SizeFit, Default,
        [
            "much shorter", "much longer", "shorter than", "longer than expected", "shorter than expected",
            "smaller than expected", "bigger than expected", "larger than expected",
        ]),
        (TermKind.Complaint, SizeFit, Fixed,
        [
            "偏小", "偏大", "太小", "太大", "小了", "大了", "挤脚", "磨脚", "不合身", "穿不上", "太长", "太短", "有点短", "有点长", "偏短", "偏长", "太紧",
            "太松", "偏瘦", "偏肥", "买大一码", "买小一码", "做小了", "做大了", "偏紧", "码子小", "码子大", "runs small", "runs large", "runs big",
            "run small", "run large", "too small", "too big", "too large", "too tight", "too loose", "too long",
            "too short", "too narrow", "too wide", "didn't fit", "doesn't fit", "does not fit", "did not fit",
            "couldn't get it on", "couldn't even get it on", "sizes small", "sizes big", "size up", "size down",
            "tight", "tighter", "narrow", "fits like a small", "fits like a large", "go one up", "go up a size",
            "go down a size", "size chart is off",
        ]),

        // ---- Complaints about the service (a courier can be rude too: the clause's topic wins) ----
        // Service complaints: ignored, argued with, stalled
        (TermKind.Complaint, Service, Default,
        [
            "找不到人", "没人审核", "不审核", "嚣张", "态度嚣张", "爱买不买", "嫌我烦", "还嫌", "拖了", "一直拖", "也不管", "不管不顾", "not one reply",
            "not a single reply", "argued", "argue", "argued with me", "dismissive", "rudest", "condescending",
            "hung up on me", "no one answered", "nobody replied",
        ]),
        (TermKind.Complaint, Service, Default,
        [
            "态度差", "态度很差", "态度极差", "态度恶劣", "态度不好", "骂人", "不理", "没人理", "爱答不理", "不理人", "不回", "不回复", "不处理", "装死", "推卸",
            "敷衍", "不给退", "拒绝退款", "复制粘贴", "不解决", "不通知", "没通知", "没礼貌", "不礼貌", "机器人", "已读不回", "没人管", "不搭理", "踢皮球", "拉黑",
            "不耐烦", "推脱", "rude", "ignored", "ignoring", "ignore", "never replied", "never answered", "never responded",
            "no reply", "no response", "didn't reply", "unhelpful", "hung up", "refused", "nobody answers",
            "short with me", "won't refund", "unprofessional", "chase", "chased", "blocked me", "no help",
            "never got back", "didn't get back", "not responding", "unresponsive",
        ]),

        // ---- Complaints about the price ----
        // Price complaints: not worth it, cheaper elsewhere
        (TermKind.Complaint, Price, Fixed,
        [
            "不值", "不值得", "真不值", "小贵", "有点小贵", "偏贵", "价格偏高", "偏高", "高了", "贵了", "鸡贼", "只便宜了", "便宜了五块", "一半的钱", "卖一半",
            "一半价格", "not worth the money", "twice the price", "double the price", "half the price elsewhere",
            "cheaper in the shops", "cheaper on the high street",
        ]),
        // Price complaints: rhetorical ones and hidden charges
        (TermKind.Complaint, Price, Fixed,
        [
            "要不要那么", "不要那么贵", "这么贵", "那么贵", "价格不菲", "加钱", "还要加钱", "另外收费", "另收费",
        ]),
        (TermKind.Complaint, Price, Fixed,
        [
            "贵", "太贵", "买贵了", "降价", "性价比低", "坑钱", "不值钱", "亏", "亏了", "亏大了", "不划算", "保价", "差价", "降了", "溢价", "割韭菜",
            "overpriced", "expensive", "pricey", "price dropped", "rip-off", "ripoff", "rip off", "waste of money",
            "half the price", "cheaper elsewhere", "for less elsewhere", "cost more than",
        ]),

        // Complaints: hard to follow, too small, missing, in tears
        (TermKind.Complaint, null, Default,
        [
            "读不懂", "难懂", "听不懂", "太袖珍", "这么小", "去哪了", "哪去了", "呜呜", "呜呜呜", "什么玩意", "旧货",
        ]),
        // Complaints: a little too much, a dishonest fitter, a customer fleeced
        (TermKind.Complaint, null, Default,
        [
            "黑点", "稍厚", "稍重", "稍小", "稍大", "稍贵", "稍慢", "稍短", "稍长", "奇缺", "死悄悄", "整老顾客", "坑老顾客", "宰客", "过了头", "过头了",
        ]),
        // ---- Lukewarm ----
        (TermKind.Lukewarm, null, Default,
        [
            "一般", "一般般", "还行", "凑合", "还可以", "中规中矩", "马马虎虎", "过得去", "差不多", "还好", "不好不坏", "不算好也不算差", "没什么特别", "一分钱一分货",
            "中评", "普通", "普普通通", "就那样", "没啥惊喜", "没什么惊喜", "没啥特别", "so-so", "so so", "okay", "ok", "average", "meh",
            "fine", "nothing special", "neither good nor bad", "not bad, not great", "could be better", "decent",
            "it works", "it is what it is", "hit and miss", "nothing more",
        ]),

        // ---- Structure: contrast, concession, fears, acceptance, sarcasm, not yet, and words that are none ----
        (TermKind.Contrast, null, Default,
        [
            "但是", "但", "就是", "可惜", "不过", "然而", "只是", "可是", "唯一的缺点", "美中不足", "遗憾的是", "but", "however", "though",
            "unfortunately", "except", "sadly", "only downside", "the only problem", "apart from",
        ]),
        (TermKind.Concessive, null, Default,
        [
            "虽然", "尽管", "although", "even though",
        ]),
        (TermKind.Hypothetical, null, Default,
        [
            "担心", "怕", "以为会", "本来以为", "worried", "afraid", "was concerned", "thought it would", "in case",
        ]),
        (TermKind.Mitigation, null, Default,
        [
            "还能接受", "可以接受", "能接受", "不影响使用", "无所谓", "问题不大", "瑕不掩瑜", "acceptable", "no big deal", "not a big deal",
            "doesn't matter", "can live with",
        ]),
        // The buyer accepts it
        (TermKind.Mitigation, null, Default,
        [
            "能忍受", "完全能忍受", "可以忍受", "还能忍受", "完全可以接受", "在接受范围", "在可接受范围", "可以理解", "能理解", "情有可原",
        ]),
        // The buyer accepts it as normal
        (TermKind.Mitigation, null, Default,
        [
            "正常现象", "属于正常", "很正常", "正常的", "难免",
        ]),
        (TermKind.Sarcasm, null, Default,
        [
            "好到", "呵呵", "真是谢谢", "thanks a lot", "if you like", "just great", "yeah right", "just what i needed",
        ]),
        (TermKind.NotYet, null, Default,
        [
            "还没用", "还没试", "还没穿", "还没拆", "还没开始用", "还没吃", "追评", "再来评价", "用了再说", "有待观察", "不知道能用多久", "haven't", "have not",
            "not yet", "yet", "will update", "we'll see", "time will tell", "too early", "too soon",
        ]),
        // Not tried yet
        (TermKind.NotYet, null, Default,
        [
            "还没有用", "还没有使用", "还没使用", "还没有装", "还没装", "还没有安装", "还没安装", "还没有穿", "还没有吃", "还没看", "还没有看", "还没读", "期待效果",
        ]),
        // Not tried yet
        (TermKind.NotYet, null, Default,
        [
            "不知道用着", "不知道效果", "不知道质量", "不知道耐不耐用", "不知道好不好用", "还不知道",
        ]),
        (TermKind.Filler, null, Default,
        [
            "没想到", "不仅", "不但", "不知道", "不用", "好久", "好几", "好像", "只好", "好不容易", "不管", "无论", "不得不", "差点", "小哥", "小姐姐", "说好的",
            "好评返现", "好多", "好些",
        ]),
        // Words holding a negator or a complaint character that are neither
        (TermKind.Filler, null, Default,
        [
            "电话薄", "慢慢", "慢慢的", "解答", "回答问题", "解决问题", "问题值得", "贵州", "贵阳", "差别", "差距", "卡片", "会员卡", "存储卡", "内存卡", "银行卡",
            "卡扣", "卡通", "sd卡", "tf卡", "不能不", "不然", "不同", "不少", "不断", "不停", "不光", "不只", "不单", "不久", "不一会", "不一会儿",
            "不到一天", "不到两天", "不到", "不错过", "没多久", "没几天", "没两天", "没一会", "没过多久", "无线", "无论如何", "无需", "无须", "无糖", "无添加",
            "无公害", "无污染", "无刺激", "无香", "未来", "别人", "别的", "别说", "差不多就", "不怕",
        ]),
        // More words that are neither
        (TermKind.Filler, null, Default,
        [
            "尽快", "赶快", "赶紧", "快要", "快点", "快去", "好处", "就好", "好好", "好像是", "好几个", "次数", "一次", "二次", "这次", "上次",
            "下次", "每次", "几次",
        ]),
        // Words holding 好 or 美 that are not praise
        (TermKind.Filler, null, Default,
        [
            "美的", "好点的", "好一点的", "好在", "好些了", "只能说明", "好不好",
        ]),
        // Words with a complaint inside that are neither: not used yet, problems as a subject
        (TermKind.Filler, null, Default,
        [
            "没有用过", "没用过", "没有用完", "没用完", "各种问题", "这个问题", "问题是", "小问题",
        ]),
        // Conditions and names that are not complaints
        (TermKind.Filler, null, Default,
        [
            "不好的话", "不满意的话", "有问题的话", "坏了的话", "不合适的话", "有坏果", "有坏的", "坏果还可以换", "坏了可以换", "有问题可以", "如果有问题", "无法验证",
            "无法评价", "无法判断", "变形金刚", "干脆", "什么问题都",
        ]),
        // Words with a negator that negate nothing
        (TermKind.Filler, null, Default,
        [
            "无数", "无数次", "不管怎样", "不得不说", "不夸张", "毫不夸张", "不是一般的",
        ]),
        // English names that hold a complaint word
        (TermKind.Filler, null, Default,
        [
            "crushed velvet", "fine lines", "arm holes", "armholes", "dead skin", "fine hair",
        ]),
        // Contrast words that do not turn here
        (TermKind.Filler, null, Default,
        [
            "不过是", "不过多", "只是为了", "但见",
        ]),
        // Words holding 不 or 美 that are neither
        (TermKind.Filler, null, Default,
        [
            "要不", "要不是", "要不然", "美国", "美元", "国美", "美的的",
        ]),

        // Words that hold praise or a negator and are neither
        (TermKind.Filler, null, Default,
        [
            "流畅性", "流畅度", "没有想到", "没想到的是",
        ]),
        // Words holding a complaint character that are nouns
        (TermKind.Filler, null, Default,
        [
            "出差", "差旅", "破产", "漏洞", "修漏洞", "衣服", "凉薄", "薄荷",
        ]),
        // ---- Topics: what a complaint in the same clause is about ----
        (TermKind.Topic, Logistics, Default,
        [
            "物流", "快递", "快递员", "快递小哥", "送货", "配送", "发货", "运输", "包装", "外包装", "盒子", "箱子", "到货", "派送", "快递柜", "物流信息",
            "delivery", "shipping", "shipment", "courier", "package", "parcel", "box", "packaging", "postage",
            "tracking", "delivery guy", "driver", "carrier", "warehouse", "neighbour", "neighbor", "porch", "doorstep",
            "delivery driver",
        ]),
        // Topics: parts of a product
        (TermKind.Topic, Quality, Default,
        [
            "开关", "按键", "按钮", "插头", "线材", "充电线", "数据线", "软件", "系统", "蓝牙", "cable", "switch", "button", "buttons", "app",
            "software", "bluetooth", "charger", "plug", "lid", "handle", "strap", "straps", "seam", "seams", "finish",
        ]),
        (TermKind.Topic, Quality, Default,
        [
            "质量", "做工", "品质", "材质", "面料", "用料", "声音", "电池", "屏幕", "拉链", "quality", "material", "stitching", "smell",
            "scent", "fragrance", "fabric", "build", "zipper", "battery", "screen",
        ]),
        // Topics: what the listing said
        (TermKind.Topic, NotAsDescribed, Default,
        [
            "shade", "宣传的", "标题", "标的", "标的是",
        ]),
        (TermKind.Topic, NotAsDescribed, Default,
        [
            "描述", "图片", "实物", "照片", "颜色", "宣传", "详情页", "想象", "分量", "described", "description", "pictures", "picture",
            "photos", "photo", "listing", "advertised", "color", "colour", "expected", "pictured",
        ]),
        (TermKind.Topic, SizeFit, Default,
        [
            "尺码", "码数", "尺寸", "鞋码", "袖子", "裤腿", "肩", "腰", "腰围", "码子", "sizing chart", "size chart", "size", "sizing",
            "fit", "sleeves", "shoulders", "waist",
        ]),
        (TermKind.Topic, Service, Default,
        [
            "客服", "卖家", "商家", "店家", "老板", "售后", "态度", "回复", "掌柜", "seller", "customer service", "support",
            "support team", "agent", "staff", "service", "chat", "store",
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
        (TermKind.EmojiLukewarm, null, Default,
        [
            "😐", "😑", "🤔", "😶",
        ]),
    ];

    /// <summary>Complaints that a fixed phrase cannot express (a number of weeks, a wait).</summary>
    internal static readonly LexiconPattern[] Patterns =
    [
        new(WaitedWeeksEnglish(), TermKind.Complaint, Logistics, Default),
        new(WaitedWeekEnglish(), TermKind.Complaint, Logistics, Default),
        new(WaitedDaysChinese(), TermKind.Complaint, Logistics, Fixed),
        new(HighValueChinese(), TermKind.Praise, Price, Default),
        new(OrderedOneGotAnotherEnglish(), TermKind.Complaint, NotAsDescribed, Fixed),
        new(OrderedOneGotAnotherChinese(), TermKind.Complaint, NotAsDescribed, Fixed),
        new(StuckSinceOrderChinese(), TermKind.Complaint, Logistics, Fixed),
        new(PilledChinese(), TermKind.Complaint, Quality, Fixed),
        new(LosesTheComparisonChinese(), TermKind.Complaint, null, Default),
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

    /// <summary>Negating verbs read a little further back than a bare negator: "没发现什么问题".</summary>
    internal static readonly string[] ChineseNegatingVerbs = ["没有发生", "没发生", "不存在", "没有太", "没那么", "没有那么", "不怕", "不像", "不会像", "没有像", "没像", "没有发现", "没发现", "没有出现", "没出现", "没有遇到", "没遇到", "没碰到", "没有什么", "没什么", "没啥", "没有任何", "无任何"];

    /// <summary>Chinese negations that follow the term: "一点问题都没有".</summary>
    internal static readonly string[] ChinesePostNegators = ["都没有", "也没有", "都没", "也没", "完全没有"];

    internal static readonly string[] ChineseIntensifiers = ["非常", "特别", "十分", "极其", "超级", "真的", "相当", "严重", "完全", "根本", "很", "太", "超", "极", "巨", "贼", "好"];

    /// <summary>
    /// Characters that make a Chinese clause an evaluation rather than a statement of fact: negators, degree words,
    /// "only", "just", "even", "still", "but", question words. A clause with one of them that the lexicon does not read
    /// is unread; a clause with none ("买给家人的") only states what happened.
    /// </summary>
    internal static readonly System.Buffers.SearchValues<char> ChineseEvaluativeMarks = System.Buffers.SearchValues.Create("不没无未别很太挺真超最非特比较有点偏才只就却竟居怎啥么吗呢难差烂坑慢贵");

    /// <summary>What marketplaces write in place of a review nobody wrote, with or without end punctuation.</summary>
    private static readonly HashSet<string> PlatformPlaceholders = new(StringComparer.Ordinal)
    {
        "此用户未填写评价内容", "此用户没有填写评价", "此用户没有填写评价内容", "用户未填写评价内容", "用户未及时评价", "系统默认好评",
        "默认好评", "评价方未及时做出评价,系统默认好评", "用户未作出评价,系统默认好评", "该用户未填写评价内容", "未填写评价内容",
    };

    internal static bool IsPlatformPlaceholder(string text) =>
        PlatformPlaceholders.Contains(text.Trim().TrimEnd('!', '！', '.', '。', ' ').Replace('，', ','));

    /// <summary>
    /// Complaint words that weigh half: they complain only sometimes ("问题" is also a book's subject, "不能" a rule, "怀疑" a
    /// thought), so beside real praise they are a small drawback, alone they still complain.
    /// </summary>
    internal static readonly HashSet<string> WeakComplaints = new(StringComparer.Ordinal)
    {
        "问题", "不能", "无法", "怀疑", "为啥", "就好了", "issue", "issues", "problem", "problems",
    };

    /// <summary>Lukewarm words that, at good stars, are a buyer's mild approval rather than indifference.</summary>
    internal static readonly HashSet<string> MildApproval = new(StringComparer.Ordinal)
    {
        "还可以", "还行", "还好", "过得去", "ok", "okay", "fine", "decent", "it works",
    };

    /// <summary>English words that make a clause an evaluation rather than a statement of fact (see
    /// <see cref="ChineseEvaluativeMarks"/>), comparatives among them; words ending in "n't" count too.</summary>
    internal static readonly HashSet<string> EnglishEvaluativeWords = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nothing", "none", "nor", "without", "hardly", "barely", "cannot", "but", "though", "although",
        "however", "except", "only", "just", "even", "still", "yet", "wish", "wished", "hope", "hoped", "would", "could",
        "should", "might", "if", "too", "so", "very", "really", "quite", "pretty", "bit", "little", "slightly", "somewhat",
        "rather", "more", "less", "most", "least", "than", "got", "received", "came", "arrived", "sent", "seemed", "seems",
        "looked", "felt", "feels", "expected", "thought", "why", "how", "what", "instead", "again", "anymore", "already",
        "actually", "literally", "honestly", "disappointing", "disappointed", "better", "worse", "bigger", "smaller", "larger",
        "longer", "shorter", "tighter", "looser", "cheaper", "thinner", "thicker", "lighter", "darker", "brighter", "softer",
        "harder", "heavier", "wider", "narrower", "higher", "lower", "nicer", "prettier", "easier", "faster", "slower",
    };

    internal static readonly string[] ChineseDiminishers = ["有点", "有些", "稍微", "略", "一点"];

    internal static readonly HashSet<string> EnglishNegators = new(StringComparer.Ordinal)
    {
        "not", "non", "non-", "no", "zero", "never", "without", "hardly", "nothing", "none", "nor", "neither", "nobody", "cannot", "dont", "doesnt",
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

    /// <summary>"Ordered a medium, got an XXL": what was ordered, then what came instead (the words differ).</summary>
    [GeneratedRegex(@"(?<![a-z0-9])(?:ordered|bought|purchased|asked\s+for|chose)\s+(?:a\s+|an\s+|the\s+|size\s+)?(?<ordered>[a-z0-9-]+)\b.{0,40}?\b(?:got|received|sent\s+me|came\s+as|arrived\s+as)\s+(?:a\s+|an\s+|the\s+|size\s+)?(?!\k<ordered>\b)[a-z0-9-]+", RegexOptions.CultureInvariant)]
    private static partial Regex OrderedOneGotAnotherEnglish();

    /// <summary>"买了M码，收到的是XXL", "拍的黑色，发来的是白色".</summary>
    [GeneratedRegex(@"(?:买|拍|下单|订|选|要)(?:了|的)(?:是)?[^，,。!！?？]{1,8}[，,\s]*(?:(?:收到|发来|寄来|到手|来)(?:的|了)?(?:是|却是|竟然是|居然是|成了)|(?:你们?|卖家|商家)?(?:给我)?发(?:了|的是|成了|来)?[^，,。!！?？]{1,8}?(?:的|了))", RegexOptions.CultureInvariant)]
    private static partial Regex OrderedOneGotAnotherChinese();

    /// <summary>"下单十天了，物流信息还停在发货地": days since the order, then a parcel that has not moved.</summary>
    [GeneratedRegex(@"(?:还停在|一直停在|停在了|一直没动|还没动|不动了|没更新|没有更新|还没发货|还没到)", RegexOptions.CultureInvariant)]
    private static partial Regex StuckSinceOrderChinese();

    /// <summary>"没实体店的好用", "不如超市买的好吃", "没有以前好了": the item loses a comparison ("没有比这更好的" wins one).</summary>
    [GeneratedRegex(@"(?:没有|没|不如|比不上|不及)[^，,。！？!?；;\s比更]{1,8}?(?:的|那么|那样|这么)?(?:好用|好吃|好看|好喝|好|舒服|划算|便宜|快|清晰|结实|耐用|甜|香)", RegexOptions.CultureInvariant)]
    private static partial Regex LosesTheComparisonChinese();

    /// <summary>"起了一层球", "起了很多球".</summary>
    [GeneratedRegex(@"起了?(?:一层|很多|好多|一些|一堆|满)(?:的)?(?:小)?球", RegexOptions.CultureInvariant)]
    private static partial Regex PilledChinese();

    /// <summary>What follows a complaint word and denies its degree, up to the clause's end: "量不大", "也不是很明显", "不严重".</summary>
    [GeneratedRegex(@"\G[^，,。.!！?？；;]{0,3}?(?:不|没)(?:是很|是特别|太|怎么|算|那么|是那么)?(?:大|明显|严重|多|高|厉害|重|热|响|烫|吵|快|频繁)[了啊的呢哦]?(?=$|[，,。.!！?？；;\s])", RegexOptions.CultureInvariant)]
    internal static partial Regex ChineseDeniedDegree();

    /// <summary>"性价比很高", "性价比非常高": the degree word sits inside the phrase.</summary>
    [GeneratedRegex(@"性价比(?:还是|也|真的)?(?:很|非常|超|挺|比较|真|蛮|相当|特别|超级|这么|那么|还是很|也很)?高", RegexOptions.CultureInvariant)]
    private static partial Regex HighValueChinese();

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
