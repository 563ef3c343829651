using System.Text.RegularExpressions;

namespace ZarrPS.Engine.Catalogs;

/// <summary>Expands '*', '?' and '[abc]' in path segments to the matching files and folders, sorted.</summary>
public static class Glob
{
    /// <summary>The paths matching <paramref name="pattern"/> (absolute), in ordinal order.</summary>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        string full = Path.GetFullPath(pattern);
        string root = Path.GetPathRoot(full)!;
        var segments = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { root };
        foreach (var seg in segments)
        {
            var next = new List<string>();
            bool wild = seg.IndexOfAny(['*', '?', '[']) >= 0;
            foreach (var dir in current)
            {
                if (!wild)
                {
                    string p = Path.Combine(dir, seg);
                    if (Directory.Exists(p) || File.Exists(p)) next.Add(p);
                    continue;
                }
                if (!Directory.Exists(dir)) continue;
                var rx = new Regex("^" + Regex.Escape(seg).Replace(@"\*", ".*").Replace(@"\?", ".").Replace(@"\[", "[").Replace(@"\]", "]") + "$");
                foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
                    if (rx.IsMatch(Path.GetFileName(entry))) next.Add(entry);
            }
            current = next;
        }
        current.Sort(StringComparer.Ordinal);
        return current;
    }
}
