using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Automation.Core.Messaging;

namespace Automation.Core.Reviews;

/// <summary>The kinds of personal data a public reply must not contain. Stored and shown as snake_case.</summary>
public enum PersonalDataKind
{
    Name,
    Phone,
    Email,
    Address,
    OrderNumber,

    /// <summary>A Chinese resident identity card number (18 characters, valid check digit).</summary>
    IdNumber,
}

/// <summary>
/// What the shop knows about the buyer, to be kept out of a public reply. Any of them may be unknown.
/// Personal data: never log it (<see cref="ToString"/> says only which facts are known).
/// </summary>
public sealed record PersonalFacts(
    string? Name = null,
    string? Phone = null,
    string? Email = null,
    string? Address = null,
    string? OrderId = null)
{
    public static PersonalFacts None { get; } = new();

    public override string ToString()
        => $"PersonalFacts {{ Name = {Known(Name)}, Phone = {Known(Phone)}, Email = {Known(Email)}, Address = {Known(Address)}, OrderId = {Known(OrderId)} }}";

    private static string Known(string? value) => string.IsNullOrWhiteSpace(value) ? "none" : "***";
}

/// <summary>One piece of personal data found in a text: what it is and where (UTF-16 offsets into the text searched).</summary>
public sealed record PersonalDataFinding(PersonalDataKind Kind, int Start, int Length);

/// <summary>Why a public reply is held instead of posted: short, stable snake_case codes. Add codes rather than renaming.</summary>
public static class PublicReplyHoldReasons
{
    /// <summary>The reply was empty (or only invisible characters) to begin with.</summary>
    public const string EmptyReply = "empty_reply";

    /// <summary>Nothing readable is left once the personal data is removed.</summary>
    public const string EmptyAfterScrub = "empty_after_scrub";

    /// <summary>Removing the data would remove more than half of the reply.</summary>
    public const string TooMuchRemoved = "too_much_removed";

    /// <summary>A greeting that needs a name would be left without one ("Dear ,", "尊敬的，").</summary>
    public const string DanglingGreeting = "dangling_greeting";

    /// <summary>A sentence would lose its subject or object ("call you at .", "寄到。", "感谢的支持").</summary>
    public const string DanglingReference = "dangling_reference";
}

/// <summary>
/// The verdict on a public reply: <see cref="Text"/> is safe to post (personal data removed, spacing and punctuation
/// tidied), or the reply is held with <see cref="HoldReason"/> (a <see cref="PublicReplyHoldReasons"/> code) and no text.
/// <see cref="Removed"/> lists the kinds of data found, never the data.
/// </summary>
public sealed record PublicReplyDecision(string? Text, string? HoldReason, IReadOnlyList<PersonalDataKind> Removed)
{
    public bool IsHeld => HoldReason is not null;

    public override string ToString() => $"PublicReplyDecision {{ HoldReason = {HoldReason}, Removed = [{string.Join(", ", Removed)}] }}";
}

/// <summary>
/// Keeps personal data out of public review replies, both the composed ones and ops' edited ones (one check for both).
/// <para>What is found:</para>
/// <list type="bullet">
/// <item>The buyer's known facts, ignoring case, spaces and punctuation ("+86 138 0000 0000" is "13800000000").
/// A Chinese name also counts when written as surname + title (李先生, 李女士, 李小姐, 李太太, 李夫人, 李同学 for 李雷; compound surnames
/// such as 欧阳 are recognised) or masked (李**). A Latin-script name counts as the full name in either order, first + last
/// without middle names, or a title + one of its words ("Ms. Carter"); a given name alone ("Hi Emily") is kept, since it
/// identifies no one. An address counts whole, and by each comma- or district-separated part that holds a number or a
/// street, building or estate word; a city or province alone is kept. An order id of fewer than 6 letters and digits
/// counts only right after an order word (订单, order #), so short ids do not eat prices.</item>
/// <item>General patterns: Chinese mobiles (with or without +86/0086, grouped 3-4-4 by spaces or dashes, or masked
/// 138****0000), numbers with a +country code, North-American (555) 123-4567 style and Chinese landlines (010-12345678);
/// e-mail addresses (also with [at]/(at)); Chinese resident ID numbers with a valid check digit; tokens after an order
/// word; tokens shaped exactly like the known order id (not after a tracking word); street addresses
/// (建国路88号, 3号楼2单元501室, "12 Baker Street").</item>
/// </list>
/// <para>Not touched on purpose: prices (¥1380, 1380元), dates, times, skus, tracking numbers, 400/800 service numbers,
/// and anything in the shop's own <c>allowed</c> contacts.</para>
/// <para>A reply is held, not mangled, when removal would leave a greeting without its name, a sentence without its
/// object or subject (a name not used as a form of address, data after "call", "to", "电话", "寄到", "：" …), nothing
/// readable, or less than half of its letters. Data in brackets is removed with the brackets.</para>
/// </summary>
public static partial class PublicReplyPrivacy
{
    // Only titles that never end an ordinary word: 老师 or 总 would also hit 历史老师 (史) or 最高总价 (高).
    private static readonly string[] ChineseTitles = ["先生", "女士", "小姐", "太太", "夫人", "同学"];

    // Country codes whose numbers people also write without them (the rest are matched with every digit).
    private static readonly string[] CountryCodes = ["86", "852", "853", "886", "1", "44", "61", "65", "81", "82", "49", "33"];

    private const string PhoneGaps = " -.()/";

    private static readonly SearchValues<char> Separators = SearchValues.Create(" 、,，/|;；&和及");

    private static readonly string[] CompoundSurnames =
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "司徒", "令狐", "长孙", "宇文", "夏侯",
        "端木", "申屠", "独孤", "南宫", "西门", "百里", "呼延", "轩辕", "澹台", "公冶", "太史", "闻人", "赫连", "钟离",
    ];

    /// <summary>
    /// Checks a public reply and returns a safe text or a hold. Invisible and control characters are removed first
    /// (line breaks are kept), so they cannot hide data from the patterns.
    /// </summary>
    /// <param name="text">The composed or edited reply.</param>
    /// <param name="facts">The buyer's known facts.</param>
    /// <param name="allowed">The shop's own contacts (service phone, e-mail, return address) that may appear.</param>
    public static PublicReplyDecision Check(string? text, PersonalFacts? facts, IReadOnlyCollection<string>? allowed = null)
    {
        var clean = CleanKeepingLines(text ?? string.Empty);
        if (!HasReadable(clean))
        {
            return new PublicReplyDecision(null, PublicReplyHoldReasons.EmptyReply, []);
        }

        var findings = Find(clean, facts, allowed);
        if (findings.Count == 0)
        {
            return new PublicReplyDecision(clean.Trim(), null, []);
        }

        var kinds = findings.Select(f => f.Kind).Distinct().ToList();
        var spans = Merge(clean, findings);
        var hold = HoldReasonFor(clean, spans);
        if (hold is not null)
        {
            return new PublicReplyDecision(null, hold, kinds);
        }

        var scrubbed = Tidy(Remove(clean, spans));
        return HasReadable(scrubbed)
            ? new PublicReplyDecision(scrubbed, null, kinds)
            : new PublicReplyDecision(null, PublicReplyHoldReasons.EmptyAfterScrub, kinds);
    }

    /// <summary>The kind as stored and shown: "name", "phone", "email", "address", "order_number", "id_number".</summary>
    public static string Code(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.OrderNumber => "order_number",
        PersonalDataKind.IdNumber => "id_number",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Every piece of personal data in <paramref name="text"/>, ordered by position; overlapping findings are all listed.</summary>
    public static IReadOnlyList<PersonalDataFinding> Find(string text, PersonalFacts? facts, IReadOnlyCollection<string>? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = FoldWidth(text);
        var skeleton = Skeleton.Of(folded);
        var findings = new List<PersonalDataFinding>();
        facts ??= PersonalFacts.None;

        FindName(folded, skeleton, facts.Name, findings);
        FindPhoneFact(folded, skeleton, facts.Phone, findings);
        FindFact(folded, skeleton, facts.Email, PersonalDataKind.Email, findings);
        FindAddress(folded, skeleton, facts.Address, findings);
        FindOrderFact(folded, skeleton, facts.OrderId, findings);
        FindPatterns(folded, facts.OrderId, findings);

        var allowedSkeletons = (allowed ?? [])
            .Select(a => Skeleton.Of(FoldWidth(a)).Text)
            .Where(a => a.Length > 0)
            .ToList();
        return findings
            .Where(f => !IsAllowed(folded, f, allowedSkeletons))
            .Distinct()
            .OrderBy(f => f.Start)
            .ThenByDescending(f => f.Length)
            .ToList();
    }

    private static bool IsAllowed(string text, PersonalDataFinding finding, List<string> allowed)
    {
        var found = Skeleton.Of(text.Substring(finding.Start, finding.Length)).Text;
        return found.Length > 0 && allowed.Exists(a => a.Contains(found, StringComparison.Ordinal));
    }

    private static void FindName(string text, Skeleton skeleton, string? name, List<PersonalDataFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        var trimmed = FoldWidth(name.Trim());
        if (IsChineseName(trimmed))
        {
            var full = trimmed.Replace("·", string.Empty, StringComparison.Ordinal).Replace("•", string.Empty, StringComparison.Ordinal);
            AddAll(text, skeleton, full, PersonalDataKind.Name, findings, wordBoundary: false);
            if (full.Length < 2)
            {
                return;
            }

            var surname = full.Length >= 3 && CompoundSurnames.Contains(full[..2], StringComparer.Ordinal) ? full[..2] : full[..1];
            var titled = Regex.Escape(surname) + "(?:" + string.Join('|', ChineseTitles) + @"|[\*＊×]{1,3})";
            foreach (Match match in Regex.Matches(text, titled, RegexOptions.CultureInvariant))
            {
                findings.Add(new(PersonalDataKind.Name, match.Index, match.Length));
            }

            return;
        }

        var words = NameWords().Matches(trimmed).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return;
        }

        // A single word is a given name alone: kept (see the class summary).
        if (words.Count >= 2)
        {
            foreach (var needle in new[] { string.Concat(words), words[^1] + words[0], words[0] + words[^1] }.Distinct(StringComparer.Ordinal))
            {
                AddAll(text, skeleton, needle, PersonalDataKind.Name, findings, wordBoundary: true);
            }
        }

        foreach (var word in words.Where(w => w.Length >= 2))
        {
            var titled = @"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Madam|Sir)\.?\s+" + Regex.Escape(word) + @"\b";
            foreach (Match match in Regex.Matches(text, titled, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase))
            {
                findings.Add(new(PersonalDataKind.Name, match.Index, match.Length));
            }
        }
    }

    private static bool IsChineseName(string name)
        => name.Any(IsCjk) && name.All(c => IsCjk(c) || c is '·' or '•');

    private static void FindPhoneFact(string text, Skeleton skeleton, string? phone, List<PersonalDataFinding> findings)
    {
        var raw = FoldWidth(phone ?? string.Empty).Trim();
        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        var international = raw.StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal);
        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        // The national number: what people write without the country code (and without a trunk 0).
        var countryCode = string.Empty;
        if (international)
        {
            countryCode = CountryCodes.FirstOrDefault(c => digits.StartsWith(c, StringComparison.Ordinal)) ?? string.Empty;
        }
        else if (digits.Length == 13 && digits.StartsWith("861", StringComparison.Ordinal))
        {
            countryCode = "86";
        }

        var national = digits[countryCode.Length..].TrimStart('0');
        if (national.Length < 7)
        {
            return;
        }

        foreach (var (start, end) in skeleton.FindAll(national, PhoneGaps))
        {
            var from = ExtendOverCountryCode(text, start, countryCode.Length > 0 ? countryCode : "86");
            if (from == start && start > 0 && text[start - 1] == '0')
            {
                from--; // a trunk prefix: 07911 123456
            }

            if (IsDigitBoundary(text, from, end))
            {
                findings.Add(new(PersonalDataKind.Phone, from, end - from));
            }
        }

        // "尾号0000" / "ending in 0000": the last four digits of the buyer's phone.
        foreach (Match match in PhoneTail().Matches(text))
        {
            if (match.Groups["digits"].Value == national[^4..])
            {
                findings.Add(new(PersonalDataKind.Phone, match.Index, match.Length));
            }
        }
    }

    /// <summary>Takes in a country code written before the national number: "+86 ", "0086-", "(+86)", "86 ".</summary>
    private static int ExtendOverCountryCode(string text, int start, string countryCode)
    {
        var i = start;
        var closed = false;
        while (i > 0 && text[i - 1] is ' ' or '-' or '.' or ')')
        {
            closed |= text[i - 1] == ')';
            i--;
        }

        var from = i - countryCode.Length;
        if (from < 0 || !text.AsSpan(from, countryCode.Length).SequenceEqual(countryCode))
        {
            return start;
        }

        if (from > 0 && text[from - 1] == '+')
        {
            from--;
        }
        else if (from >= 2 && text.AsSpan(from - 2, 2).SequenceEqual("00"))
        {
            from -= 2;
        }

        if (closed && from > 0 && text[from - 1] == '(')
        {
            from--;
        }

        return from > 0 && char.IsAsciiLetterOrDigit(text[from - 1]) ? start : from;
    }

    private static void FindAddress(string text, Skeleton skeleton, string? address, List<PersonalDataFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }

        var folded = FoldWidth(address.Trim());
        AddAll(text, skeleton, Skeleton.Of(folded).Text, PersonalDataKind.Address, findings, wordBoundary: true);
        foreach (var part in AddressParts().Split(folded))
        {
            var needle = Skeleton.Of(part).Text;
            if (needle.Length >= 3 && (needle.Any(char.IsAsciiDigit) || AddressWord().IsMatch(part)))
            {
                AddAll(text, skeleton, needle, PersonalDataKind.Address, findings, wordBoundary: true);
            }
        }
    }

    private static void FindOrderFact(string text, Skeleton skeleton, string? orderId, List<PersonalDataFinding> findings)
    {
        var needle = Skeleton.Of(FoldWidth(orderId ?? string.Empty)).Text;
        if (needle.Length == 0)
        {
            return;
        }

        foreach (var (start, end) in skeleton.FindAll(needle, " -_/#"))
        {
            if (!IsWordBoundary(text, start, end))
            {
                continue;
            }

            // Short ids ("1001") look like prices and quantities: only after an order word.
            if (needle.Length < 6 && !OrderWordBefore().IsMatch(text.AsSpan(0, start)))
            {
                continue;
            }

            var from = start > 0 && text[start - 1] == '#' ? start - 1 : start;
            findings.Add(new(PersonalDataKind.OrderNumber, from, end - from));
        }
    }

    private static void FindPatterns(string text, string? orderId, List<PersonalDataFinding> findings)
    {
        AddMatches(ChineseMobile(), text, PersonalDataKind.Phone, findings);
        AddMatches(MaskedChineseMobile(), text, PersonalDataKind.Phone, findings);
        AddMatches(ChineseLandline(), text, PersonalDataKind.Phone, findings);
        foreach (Match match in InternationalPhone().Matches(text))
        {
            var count = match.Value.Count(char.IsAsciiDigit);
            if (count is >= 8 and <= 15)
            {
                findings.Add(new(PersonalDataKind.Phone, match.Index, match.Length));
            }
        }

        foreach (Match match in NorthAmericanPhone().Matches(text))
        {
            // 400/800 numbers are shops' service lines, not a buyer's.
            var digits = new string(match.Value.Where(char.IsAsciiDigit).ToArray());
            if (!digits.StartsWith("400", StringComparison.Ordinal) && !digits.StartsWith("800", StringComparison.Ordinal))
            {
                findings.Add(new(PersonalDataKind.Phone, match.Index, match.Length));
            }
        }

        AddMatches(Email(), text, PersonalDataKind.Email, findings);
        AddMatches(ObfuscatedEmail(), text, PersonalDataKind.Email, findings);

        foreach (Match match in ChineseIdNumber().Matches(text))
        {
            if (HasValidIdCheckDigit(match.Value))
            {
                findings.Add(new(PersonalDataKind.IdNumber, match.Index, match.Length));
            }
        }

        foreach (Match match in OrderToken().Matches(text))
        {
            var token = match.Groups["token"];
            if (token.Value.Count(char.IsAsciiDigit) >= 4 && !DateShape().IsMatch(token.Value))
            {
                findings.Add(new(PersonalDataKind.OrderNumber, token.Index, token.Length));
            }
        }

        AddMatches(ChineseStreetAddress(), text, PersonalDataKind.Address, findings);
        AddMatches(ChineseBuildingAddress(), text, PersonalDataKind.Address, findings);
        AddMatches(EnglishStreetAddress(), text, PersonalDataKind.Address, findings);

        FindOrderShaped(text, orderId, findings);
    }

    /// <summary>Tokens shaped exactly like the known order id (same length, digits and letters in the same places): the buyer's other orders.</summary>
    private static void FindOrderShaped(string text, string? orderId, List<PersonalDataFinding> findings)
    {
        var id = FoldWidth(orderId?.Trim().TrimStart('#') ?? string.Empty);
        if (id.Length < 8 || !id.Any(char.IsAsciiDigit) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return;
        }

        var shape = Shape(id);
        foreach (Match match in Token().Matches(text))
        {
            if (match.Length == id.Length && Shape(match.Value) == shape
                && !TrackingWordBefore().IsMatch(text.AsSpan(0, match.Index)))
            {
                findings.Add(new(PersonalDataKind.OrderNumber, match.Index, match.Length));
            }
        }

        static string Shape(string value) => string.Concat(value.Select(c => c switch
        {
            _ when char.IsAsciiDigit(c) => '9',
            _ when char.IsAsciiLetterUpper(c) => 'A',
            _ when char.IsAsciiLetterLower(c) => 'a',
            _ => c,
        }));
    }

    private static bool HasValidIdCheckDigit(string id)
    {
        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const string checks = "10X98765432";
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }

        return char.ToUpperInvariant(id[17]) == checks[sum % 11];
    }

    private static void FindFact(string text, Skeleton skeleton, string? value, PersonalDataKind kind, List<PersonalDataFinding> findings)
    {
        var needle = Skeleton.Of(FoldWidth(value ?? string.Empty)).Text;
        if (needle.Length >= 3)
        {
            AddAll(text, skeleton, needle, kind, findings, wordBoundary: true);
        }
    }

    private static void AddAll(string text, Skeleton skeleton, string needle, PersonalDataKind kind, List<PersonalDataFinding> findings, bool wordBoundary)
    {
        var between = kind switch
        {
            PersonalDataKind.Name => " .,·•'’-_",
            PersonalDataKind.Email => " .@_+-",
            PersonalDataKind.Address => " ,，、-#/·.",
            _ => PhoneGaps,
        };
        needle = Skeleton.Of(needle).Text;
        if (needle.Length == 0)
        {
            return;
        }

        foreach (var (start, end) in skeleton.FindAll(needle, between))
        {
            if (!wordBoundary || IsWordBoundary(text, start, end))
            {
                findings.Add(new(kind, start, end - start));
            }
        }
    }

    private static void AddMatches(Regex regex, string text, PersonalDataKind kind, List<PersonalDataFinding> findings)
    {
        foreach (Match match in regex.Matches(text))
        {
            findings.Add(new(kind, match.Index, match.Length));
        }
    }

    /// <summary>Latin letters and digits do not continue across the edges (CJK has no spaces, so it needs none).</summary>
    private static bool IsWordBoundary(string text, int start, int end)
        => !(start > 0 && IsLatinWordChar(text[start - 1]) && IsLatinWordChar(text[start]))
            && !(end < text.Length && IsLatinWordChar(text[end]) && IsLatinWordChar(text[end - 1]));

    private static bool IsDigitBoundary(string text, int start, int end)
        => !(start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]))
            && !(end < text.Length && char.IsAsciiLetterOrDigit(text[end]));

    private static bool IsLatinWordChar(char c) => char.IsLetterOrDigit(c) && !IsCjk(c);

    private static bool IsCjk(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    // ---- deciding and removing ----

    private sealed record Span(int Start, int End, HashSet<PersonalDataKind> Kinds, bool Bracketed)
    {
        public bool Is(PersonalDataKind kind) => Kinds.Count == 1 && Kinds.Contains(kind);
    }

    /// <summary>Overlapping findings, and findings separated only by spaces or list punctuation, become one span; brackets around a span go with it.</summary>
    private static List<Span> Merge(string text, IReadOnlyList<PersonalDataFinding> findings)
    {
        var spans = new List<Span>();
        foreach (var finding in findings.OrderBy(f => f.Start))
        {
            var start = finding.Start;
            var end = finding.Start + finding.Length;
            if (spans.Count > 0 && IsOnlySeparators(text, spans[^1].End, start))
            {
                var last = spans[^1];
                spans[^1] = last with { End = Math.Max(last.End, end), Kinds = new HashSet<PersonalDataKind>(last.Kinds) { finding.Kind } };
            }
            else
            {
                spans.Add(new Span(start, end, new HashSet<PersonalDataKind> { finding.Kind }, Bracketed: false));
            }
        }

        for (var i = 0; i < spans.Count; i++)
        {
            var (start, end) = (spans[i].Start, spans[i].End);
            var before = start;
            while (before > 0 && text[before - 1] == ' ')
            {
                before--;
            }

            var after = end;
            while (after < text.Length && text[after] == ' ')
            {
                after++;
            }

            if (before > 0 && after < text.Length && IsBracketPair(text[before - 1], text[after]))
            {
                spans[i] = spans[i] with { Start = before - 1, End = after + 1, Bracketed = true };
            }
        }

        return spans;
    }

    private static bool IsOnlySeparators(string text, int from, int to)
        => to <= from || (to - from <= 3 && text.AsSpan(from, to - from).IndexOfAnyExcept(Separators) < 0);

    private static bool IsBracketPair(char open, char close)
        => (open, close) is ('(', ')') or ('（', '）') or ('[', ']') or ('【', '】') or ('「', '」') or ('<', '>') or ('《', '》');

    private static string? HoldReasonFor(string text, List<Span> spans)
    {
        var total = CountWords(text);
        var removed = spans.Sum(s => CountWords(text.AsSpan(s.Start, s.End - s.Start)));
        if (removed >= total)
        {
            return PublicReplyHoldReasons.EmptyAfterScrub;
        }

        // The more specific reason first: ops fix a dangling greeting differently from a reply that was mostly data.
        return DanglingReason(text, spans) ?? (removed * 2 > total ? PublicReplyHoldReasons.TooMuchRemoved : null);
    }

    private static string? DanglingReason(string text, List<Span> spans)
    {
        string? reason = null;
        foreach (var span in spans.Where(s => !s.Bracketed))
        {
            var left = text[..span.Start].TrimEnd();
            var right = text[span.End..].TrimStart();
            if (span.Is(PersonalDataKind.Name))
            {
                if (NeedsNameAfter().IsMatch(left))
                {
                    return PublicReplyHoldReasons.DanglingGreeting;
                }

                // A name may go where it is a form of address: before punctuation, after a greeting or thanks, or before 您好.
                var addressed = right.Length == 0 || !char.IsLetterOrDigit(right[0])
                    || GreetingOrThanksBefore().IsMatch(left) || ChineseGreetingAfter().IsMatch(right);
                if (!addressed || IsPossessive(right))
                {
                    reason = PublicReplyHoldReasons.DanglingReference;
                }

                continue;
            }

            var endsClause = right.Length == 0 || ",.!?;，。！？；…".Contains(right[0], StringComparison.Ordinal);
            if (span.Is(PersonalDataKind.OrderNumber) && OrderWordOnly().IsMatch(left))
            {
                // "Thanks for your order #1001!" reads well as "Thanks for your order!".
                continue;
            }

            if (IsPossessive(right) || SlotWordBefore().IsMatch(left) || SlotWordAtStart().IsMatch(text.AsSpan(span.Start, span.End - span.Start))
                || (endsClause && left.Length > 0 && char.IsLetter(left[^1])))
            {
                // The data was the object of the sentence: "call me at ___.", "寄到___", "感谢___的".
                reason = PublicReplyHoldReasons.DanglingReference;
            }
        }

        return reason;
    }

    private static bool IsPossessive(string right)
        => right.StartsWith('的') || right.StartsWith("'s", StringComparison.OrdinalIgnoreCase) || right.StartsWith("’s", StringComparison.OrdinalIgnoreCase);

    private static string Remove(string text, List<Span> spans)
    {
        var builder = new StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            builder.Append(text, at, span.Start - at);
            at = span.End;
        }

        builder.Append(text, at, text.Length - at);
        return builder.ToString();
    }

    /// <summary>Spacing and punctuation as if the removed words had never been there.</summary>
    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(line =>
        {
            var tidy = MultipleSpaces().Replace(line, " ");
            tidy = EmptyBrackets().Replace(tidy, string.Empty);
            tidy = SpaceBeforePunctuation().Replace(tidy, "$1");
            tidy = CommaBeforePunctuation().Replace(tidy, "$1");
            tidy = DoubledPunctuation().Replace(tidy, "$1");
            tidy = LeadingPunctuation().Replace(tidy, string.Empty);
            tidy = MultipleSpaces().Replace(tidy, " ");
            return tidy.Trim();
        });
        return string.Join('\n', lines).Trim();
    }

    private static string CleanKeepingLines(string text)
        => string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\t', ' ').Split('\n').Select(CustomerText.Clean));

    private static bool HasReadable(string text) => CountWords(text) > 0;

    /// <summary>Words: a run of Latin letters and digits, one CJK character, or one symbol or emoji.</summary>
    private static int CountWords(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsLatinWordChar(c))
            {
                if (i == 0 || !IsLatinWordChar(text[i - 1]))
                {
                    count++;
                }
            }
            else if (IsCjk(c) || (!char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsLowSurrogate(c)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Full-width ASCII (１３８, ＠) and the ideographic space become their ASCII forms, one character for one, so offsets stay valid.</summary>
    private static string FoldWidth(string text)
    {
        if (!text.Any(c => c is (>= '\uFF01' and <= '\uFF5E') or '\u3000'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' when c is not ('（' or '）' or '，' or '：' or '；' or '！' or '？') => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    _ => c,
                };
            }
        });
    }

    /// <summary>The letters and digits of a text, lowercased, with the offset of each in the text: matching ignores spaces and punctuation.</summary>
    private sealed class Skeleton
    {
        private readonly List<int> _offsets;
        private readonly string _original;

        private Skeleton(string original, string text, List<int> offsets)
        {
            _original = original;
            Text = text;
            _offsets = offsets;
        }

        public string Text { get; }

        public static Skeleton Of(string text)
        {
            var builder = new StringBuilder(text.Length);
            var offsets = new List<int>(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsLetterOrDigit(text[i]))
                {
                    builder.Append(char.ToLowerInvariant(text[i]));
                    offsets.Add(i);
                }
            }

            return new Skeleton(text, builder.ToString(), offsets);
        }

        /// <summary>
        /// Every occurrence of <paramref name="needle"/> (a skeleton), as [start, end) offsets in the original text, where
        /// whatever lies between its letters and digits is one of <paramref name="between"/> (so a match never spans a bracket or a sentence).
        /// </summary>
        public IEnumerable<(int Start, int End)> FindAll(string needle, string between)
        {
            if (needle.Length == 0)
            {
                yield break;
            }

            for (var at = Text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = Text.IndexOf(needle, at + 1, StringComparison.Ordinal))
            {
                var (start, end) = (_offsets[at], _offsets[at + needle.Length - 1] + 1);
                if (HasOther(_original.AsSpan(start, end - start), between))
                {
                    continue;
                }

                yield return (start, end);
            }
        }

        private static bool HasOther(ReadOnlySpan<char> span, string between)
        {
            foreach (var c in span)
            {
                if (!char.IsLetterOrDigit(c) && !between.Contains(c, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    // ---- patterns (run on width-folded text; [0-9] rather than \d, which would match any script's digits) ----

    [GeneratedRegex(@"\p{L}[\p{L}'’\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex NameWords();

    [GeneratedRegex(@"(?:尾号|后四位|ending(?:\s+in)?)\s*[:：]?\s*(?<digits>[0-9]{4})(?![0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PhoneTail();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?<![0-9][ \-])(?:(?:\+|00)?86[ \-]?|\(\+?86\)[ \-]?)?1[3-9][0-9](?:[ \-]?[0-9]{4}){2}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseMobile();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9][\*＊xX]{4}[0-9]{4}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex MaskedChineseMobile();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\(0[1-9][0-9]{1,2}\)|0[1-9][0-9]{1,2}-)[ ]?[2-8][0-9]{2,3}[ \-]?[0-9]{4}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseLandline();

    [GeneratedRegex(@"(?<![0-9A-Za-z+])\+[1-9][0-9]{0,2}(?:[ \-.]?(?:\([0-9]{1,5}\)|[0-9]{1,5})){2,5}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalPhone();

    [GeneratedRegex(@"(?<![0-9A-Za-z\-])(?:\([2-9][0-9]{2}\)[ ]?|[2-9][0-9]{2}[ \-.])[0-9]{3}[ \-.][0-9]{4}(?![0-9A-Za-z\-])", RegexOptions.CultureInvariant)]
    private static partial Regex NorthAmericanPhone();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+\s*(?:\[at\]|\(at\)|\{at\})\s*[A-Za-z0-9\-]+(?:\s*(?:\.|\[dot\]|\(dot\))\s*[A-Za-z0-9\-]+)+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ObfuscatedEmail();

    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseIdNumber();

    [GeneratedRegex(@"(?:订单编号|订单号|订单|\border\s*(?:no\.?|number|id|#)|\border)\s*[:：]?\s*#?\s*(?<token>[A-Za-z0-9][A-Za-z0-9\-]{4,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OrderToken();

    [GeneratedRegex(@"(?:订单编号|订单号|订单|order\s*(?:no\.?|number|id)?)\s*[:：]?\s*#?\s*\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OrderWordBefore();

    [GeneratedRegex(@"(?:运单号?|快递单号?|物流单号?|tracking(?:\s*(?:no\.?|number|#))?|waybill)\s*[:：]?\s*\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TrackingWordBefore();

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9\-]*[A-Za-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    [GeneratedRegex(@"(?<=^|[^\u4e00-\u9fff]|在|到|至|于|址|往|省|市|区|县|镇)[\u4e00-\u9fff]{1,6}?(?:路|街|大道|巷|弄|胡同)[0-9]+号(?:院|楼)?(?:[0-9]+(?:号楼|栋|幢|座|单元|层|楼|室|号))*", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseStreetAddress();

    [GeneratedRegex(@"(?<![0-9])[0-9]+(?:号楼|栋|幢|座)(?:[0-9]+(?:单元|层|楼))*(?:[0-9]+(?:室|号))?", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseBuildingAddress();

    [GeneratedRegex(@"\b[0-9]{1,5}[A-Za-z]?\s+(?:[A-Z][A-Za-z']+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Close|Crescent)\b\.?(?:,?\s*(?i:Apt|Apartment|Unit|Suite|Flat|#)\.?\s*[0-9A-Za-z\-]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishStreetAddress();

    [GeneratedRegex(@"[,，、;；\n]+|(?<=省|市|区|县|旗|镇|乡|街道)", RegexOptions.CultureInvariant)]
    private static partial Regex AddressParts();

    [GeneratedRegex(@"(?:路|街|道|巷|弄|胡同|村|小区|大厦|公寓|花园|苑|号|室|栋|楼|单元|Street|St\b|Road|Rd\b|Avenue|Ave\b|Lane|Drive|Apt|Unit|Suite|Flat)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AddressWord();

    [GeneratedRegex(@"(?:\bdear|尊敬的|致)\s*\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NeedsNameAfter();

    [GeneratedRegex(@"(?:\b(?:hi|hello|hey|thanks|thank\s+you|cheers)|谢谢|感谢|多谢|亲爱的|亲|嗨|哈喽)[\s,，!！]*\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex GreetingOrThanksBefore();

    [GeneratedRegex(@"^(?:您好|你好|好)", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseGreetingAfter();

    [GeneratedRegex(@"(?:(?<![A-Za-z])(?:at|to|on|via|is|was|are|call|called|text|texted|contact|contacted|reach|reached|dial|e-?mail|e-?mailed|mail|mailed|message|messaged|phone|phoned|mobile|tel|number|no\.?|address|ship|shipped|send|sent|deliver|delivered)|拨打|致电|联系|电话|打|拨|加|手机|号码|邮箱|地址|寄到|寄往|寄至|发到|送到|送至|是|为|至|到|给|号|[:：=])\s*\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SlotWordBefore();

    [GeneratedRegex(@"^(?:寄到|寄往|发到|送到|送至|寄至|到|至)", RegexOptions.CultureInvariant)]
    private static partial Regex SlotWordAtStart();

    [GeneratedRegex(@"^[0-9]{4}[\-/.][0-9]{1,2}[\-/.][0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateShape();

    [GeneratedRegex(@"(?:\b(?:your|the|this|that|my)\s+order|订单)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OrderWordOnly();

    [GeneratedRegex(@"[ ]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex MultipleSpaces();

    [GeneratedRegex(@"[\(（\[【「<《]\s*[\)）\]】」>》]", RegexOptions.CultureInvariant)]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@" +([,.!?;:，。！？；：、\)）\]】」])", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"[,，、]\s*([,.!?;:，。！？；：])", RegexOptions.CultureInvariant)]
    private static partial Regex CommaBeforePunctuation();

    [GeneratedRegex(@"([,，、;；:：])\s*[,，、;；:：]", RegexOptions.CultureInvariant)]
    private static partial Regex DoubledPunctuation();

    [GeneratedRegex(@"^[\s,，、;；:：.。!！?？]+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingPunctuation();
}
