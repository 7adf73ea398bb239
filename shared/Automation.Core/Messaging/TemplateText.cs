using System.Text;

namespace Automation.Core.Messaging;

/// <summary>
/// The template syntax: text with <c>{placeholder}</c> names; <c>{{</c> and <c>}}</c> write literal braces.
/// Deliberately tiny: no formatting, conditions or code, so shop-supplied text cannot do anything surprising.
/// </summary>
internal sealed class TemplateText
{
    private readonly IReadOnlyList<(bool IsPlaceholder, string Value)> _segments;

    private TemplateText(IReadOnlyList<(bool IsPlaceholder, string Value)> segments) => _segments = segments;

    public IEnumerable<string> Placeholders => _segments.Where(s => s.IsPlaceholder).Select(s => s.Value);

    public static TemplateText? TryParse(string text, out string? error)
    {
        var segments = new List<(bool, string)>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = text.IndexOf('}', i + 1);
                if (close < 0)
                {
                    error = $"'{{' at position {i} is never closed; write '{{{{' for a literal brace.";
                    return null;
                }

                var name = text[(i + 1)..close];
                if (!IsName(name))
                {
                    error = $"'{{{name}}}' is not a placeholder name; write '{{{{' and '}}}}' for literal braces.";
                    return null;
                }

                if (literal.Length > 0)
                {
                    segments.Add((false, literal.ToString()));
                    literal.Clear();
                }

                segments.Add((true, name));
                i = close;
            }
            else if (c == '}')
            {
                error = $"'}}' at position {i} has no opening '{{'; write '}}}}' for a literal brace.";
                return null;
            }
            else
            {
                literal.Append(c);
            }
        }

        if (literal.Length > 0)
        {
            segments.Add((false, literal.ToString()));
        }

        error = null;
        return new TemplateText(segments);
    }

    /// <summary>Fills in the placeholders; one without a value renders as nothing.</summary>
    public string Render(IReadOnlyDictionary<string, string> values) =>
        Render(values, literal => literal, (_, value) => value);

    /// <summary>
    /// Fills in the placeholders, passing the template's own text through <paramref name="writeLiteral"/> and each
    /// placeholder's value (empty when it has none) through <paramref name="writeValue"/> with its name: so another
    /// format (HTML) is made from the same template, not from the rendered text.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, string> values, Func<string, string> writeLiteral, Func<string, string, string> writeValue)
    {
        var result = new StringBuilder();
        foreach (var (isPlaceholder, value) in _segments)
        {
            result.Append(isPlaceholder ? writeValue(value, values.GetValueOrDefault(value) ?? string.Empty) : writeLiteral(value));
        }

        return result.ToString();
    }

    private static bool IsName(string name)
        => name.Length is > 0 and <= 64
            && char.IsAsciiLetter(name[0])
            && name.All(char.IsAsciiLetterOrDigit);
}
