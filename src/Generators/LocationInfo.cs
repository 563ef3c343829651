using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ZarrPS.Generators;

/// <summary>A source location that compares by value (a Location holds a syntax tree and would defeat caching).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
