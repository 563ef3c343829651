using System.Globalization;
using System.Text;

namespace ZarrPS.Engine.Writers;

/// <summary>What a conversion did: bytes in and out, the compression table per variable, time and throughput.</summary>
public sealed class ConversionResult
{
    /// <summary>The source files.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>The Zarr store written.</summary>
    public required string Destination { get; init; }

    /// <summary>The compressor as a numcodecs configuration (or "none").</summary>
    public required string Compressor { get; init; }

    /// <summary>Bytes of the source files.</summary>
    public long SourceBytes { get; init; }

    /// <summary>Uncompressed bytes of the variables written (the sum of <see cref="VariableCompression.BytesIn"/>).</summary>
    public long BytesIn { get; init; }

    /// <summary>Bytes of every file of the store (what <c>du -sb</c> counts for the files).</summary>
    public long BytesOut { get; init; }

    /// <summary>BytesIn / BytesOut.</summary>
    public double Ratio => BytesOut == 0 ? 0 : (double)BytesIn / BytesOut;

    /// <summary>The compression table, one row per variable.</summary>
    public required IReadOnlyList<VariableCompression> Variables { get; init; }

    /// <summary>Chunks written.</summary>
    public long Chunks { get; init; }

    /// <summary>With -Resume: chunks already written by the interrupted run.</summary>
    public long ChunksSkipped { get; init; }

    /// <summary>Wall time.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Uncompressed MB (10^6 bytes) converted per second.</summary>
    public double ThroughputMBps => Elapsed.TotalSeconds <= 0 ? 0 : BytesIn / 1e6 / Elapsed.TotalSeconds;

    /// <summary>The compression table as text (what the object prints as).</summary>
    public string ToTable()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int w = Math.Max(8, Variables.Count == 0 ? 8 : Variables.Max(v => v.Name.Length));
        sb.Append(ci, $"{Destination}  ({Compressor})").AppendLine();
        sb.Append(ci, $"{"variable".PadRight(w)}  {"dtype",-8} {"chunks",-18} {"in MB",10} {"out MB",10} {"ratio",7}").AppendLine();
        sb.Append(new string('-', w)).Append("  ").Append(new string('-', 8)).Append(' ').Append(new string('-', 18))
          .Append(' ').Append(new string('-', 10)).Append(' ').Append(new string('-', 10)).Append(' ').Append(new string('-', 7)).AppendLine();
        foreach (var v in Variables)
            sb.Append(ci, $"{v.Name.PadRight(w)}  {v.DType,-8} {"(" + string.Join(",", v.Chunks) + ")",-18} {v.BytesIn / 1e6,10:F3} {v.BytesOut / 1e6,10:F3} {v.Ratio,7:F2}").AppendLine();
        sb.Append(ci, $"{"total".PadRight(w)}  {"",-8} {"",-18} {BytesIn / 1e6,10:F3} {BytesOut / 1e6,10:F3} {Ratio,7:F2}").AppendLine();
        sb.Append(ci, $"source files {SourceBytes / 1e6:F3} MB; {Chunks} chunks");
        if (ChunksSkipped > 0) sb.Append(ci, $" ({ChunksSkipped} kept from the interrupted run)");
        sb.Append(ci, $"; {Elapsed.TotalSeconds:F2} s, {ThroughputMBps:F1} MB/s");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToTable();
}
