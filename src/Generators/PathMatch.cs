using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace ZarrPS.Generators;

/// <summary>Finds the AdditionalFile an attribute names by a relative path.</summary>
internal static class PathMatch
{
    /// <summary>'/'-separated, with '.' and '..' segments folded (no file system access: analyzers may not touch it).</summary>
    public static string Normalize(string path)
    {
        string p = path.Replace('\\', '/');
        bool rooted = p.StartsWith("/", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        return (rooted ? "/" : "") + string.Join("/", parts);
    }

    private static bool IsRooted(string p) => p.StartsWith("/", StringComparison.Ordinal) || (p.Length >= 2 && p[1] == ':');

    private static string Directory(string file)
    {
        int slash = file.LastIndexOf('/');
        return slash < 0 ? "" : file.Substring(0, slash);
    }

    /// <summary>
    /// The file <paramref name="relative"/> names: relative to the project directory, else to the directory of the
    /// source file holding the attribute, else the one file whose path ends with it (leading '../' removed).
    /// </summary>
    public static T? Find<T>(string relative, string? projectDir, string sourceFile, ImmutableArray<T> files, Func<T, string> pathOf) where T : class
    {
        string rel = relative.Replace('\\', '/');
        var candidates = new List<string>();
        if (IsRooted(rel)) candidates.Add(Normalize(rel));
        else
        {
            if (!string.IsNullOrEmpty(projectDir)) candidates.Add(Normalize(projectDir + "/" + rel));
            candidates.Add(Normalize(Directory(Normalize(sourceFile)) + "/" + rel));
        }
        foreach (var c in candidates)
            foreach (var f in files)
                if (string.Equals(pathOf(f), c, StringComparison.Ordinal)) return f;
        string tail = Normalize(rel);
        while (tail.StartsWith("../", StringComparison.Ordinal)) tail = tail.Substring(3);
        tail = "/" + tail.TrimStart('/');
        foreach (var f in files)
            if (pathOf(f).EndsWith(tail, StringComparison.OrdinalIgnoreCase)) return f;
        return null;
    }
}
