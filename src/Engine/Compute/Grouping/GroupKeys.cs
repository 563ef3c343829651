namespace ZarrPS.Engine.Compute.Grouping;

/// <summary>
/// The groups of a groupby along one dimension: for each position the index of its group (-1 when it belongs to
/// none: NaN, NaT), and the sorted unique labels, as xarray's groupby factorizes its key.
/// </summary>
public sealed class GroupKeys
{
    /// <summary>Creates group keys; every code is -1 or an index into <paramref name="labels"/>.</summary>
    public GroupKeys(string name, string dim, int[] codes, Array labels, DataType labelType)
    {
        Name = name;
        Dim = dim;
        Codes = codes;
        Labels = labels;
        LabelType = labelType;
    }

    /// <summary>The name of the labels' new dimension: the component ('month', 'season') or the coordinate's name.</summary>
    public string Name { get; }

    /// <summary>The dimension that is grouped.</summary>
    public string Dim { get; }

    /// <summary>Group index of each position along <see cref="Dim"/>; -1 for positions in no group.</summary>
    public int[] Codes { get; }

    /// <summary>
    /// The group labels in order: long[] for integer components, datetimes (datetime64[ns]) and calendar dates
    /// (microseconds), string[] for seasons and string coordinates, otherwise an array of the coordinate's element type.
    /// </summary>
    public Array Labels { get; }

    /// <summary>The element type of <see cref="Labels"/> as a coordinate.</summary>
    public DataType LabelType { get; }

    /// <summary>The number of groups.</summary>
    public int GroupCount => Labels.Length;

    /// <summary>The number of positions in each group.</summary>
    public int[] Counts()
    {
        var counts = new int[GroupCount];
        foreach (int c in Codes) if (c >= 0) counts[c]++;
        return counts;
    }

    /// <summary>The positions of each group, ascending (xarray's group indices).</summary>
    public int[][] Positions()
    {
        var counts = Counts();
        var result = new int[counts.Length][];
        for (int g = 0; g < counts.Length; g++) result[g] = new int[counts[g]];
        var fill = new int[counts.Length];
        for (int i = 0; i < Codes.Length; i++)
        {
            int c = Codes[i];
            if (c >= 0) result[c][fill[c]++] = i;
        }
        return result;
    }
}
