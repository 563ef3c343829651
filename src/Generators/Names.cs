using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ZarrPS.Generators;

/// <summary>C# names made from the names stores use.</summary>
internal static class Names
{
    /// <summary>
    /// PascalCase of a variable name: its words (split at characters that are neither letters nor digits) with the
    /// first letter raised, the rest kept ('sea_surface_temperature' → 'SeaSurfaceTemperature', 'SST' → 'SST',
    /// 't2m' → 'T2m'). The result may still be invalid ('2t' → '2t'); <see cref="IsValidIdentifier"/> says.
    /// </summary>
    public static string PascalCase(string name)
    {
        var sb = new StringBuilder(name.Length);
        bool startWord = true;
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                startWord = true;
                continue;
            }
            sb.Append(startWord ? char.ToUpperInvariant(c) : c);
            startWord = false;
        }
        return sb.ToString();
    }

    /// <summary>True for a name usable as a C# member without '@': an identifier that is not a keyword.</summary>
    public static bool IsValidIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    /// <summary>
    /// A parameter name for a dimension: the dimension's own name where it is an identifier ('@' before keywords),
    /// else with every other character replaced by '_' (and '_' before a leading digit).
    /// </summary>
    public static string Parameter(string dim)
    {
        if (SyntaxFacts.IsValidIdentifier(dim))
            return SyntaxFacts.GetKeywordKind(dim) != SyntaxKind.None ? "@" + dim : dim;
        var sb = new StringBuilder(dim.Length + 1);
        foreach (char c in dim) sb.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string s) => SymbolDisplay.FormatLiteral(s, quote: true);

    /// <summary>Text safe inside an XML doc comment.</summary>
    public static string Xml(string s) =>
        s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", " ").Replace("\n", " ");
}
