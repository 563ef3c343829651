namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>pandas' factorize(sort=True): codes into the sorted unique values, -1 for excluded positions.</summary>
internal static class Factorizer
{
    /// <summary>Factorizes <paramref name="keys"/>; positions whose <paramref name="include"/> is false get -1.</summary>
    public static int[] Factorize<T>(T[] keys, bool[]? include, IComparer<T> comparer, out T[] uniques)
    {
        int n = keys.Length;
        var order = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) if (include is null || include[i]) order[m++] = i;
        var sortedKeys = new T[m];
        for (int k = 0; k < m; k++) sortedKeys[k] = keys[order[k]];
        var idx = order.AsSpan(0, m).ToArray();
        // A stable sort is not needed: equal keys get one code whatever their order.
        Array.Sort(sortedKeys, idx, comparer);
        var codes = new int[n];
        Array.Fill(codes, -1);
        var list = new List<T>();
        for (int k = 0; k < m; k++)
        {
            if (k == 0 || comparer.Compare(sortedKeys[k], sortedKeys[k - 1]) != 0) list.Add(sortedKeys[k]);
            codes[idx[k]] = list.Count - 1;
        }
        uniques = list.ToArray();
        return codes;
    }
}
