namespace ZarrPS.Engine.Formats.NetCdf3;

/// <summary>
/// A NetCDF-3 file — CDF-1 (classic), CDF-2 (64-bit offset) or CDF-5 (64-bit data) — read without the
/// netCDF library: the header is parsed at open, and each variable is an <see cref="IChunkedSource"/>
/// that reads any region with positional reads. Nothing is decoded beyond the stored types (no CF).
/// </summary>
public sealed class NetCdf3File : IDatasetSource
{
    private readonly IRandomAccessSource _source;
    private readonly bool _ownsSource;
    private readonly NetCdf3Variable[] _variables;
    private readonly Dictionary<string, NetCdf3Variable> _byName;

    /// <summary>Opens the NetCDF-3 file at <paramref name="path"/> and reads its header.</summary>
    public NetCdf3File(string path)
        : this(new FileRandomAccessSource(Path.GetFullPath(path)), Path.GetFullPath(path), ownsSource: true)
    {
    }

    /// <summary>Reads the header from any random-access byte source (a file, an HTTP object).</summary>
    /// <param name="source">The bytes of the file.</param>
    /// <param name="location">The file name or URL, for messages.</param>
    /// <param name="ownsSource">Dispose <paramref name="source"/> with this file (also when opening fails).</param>
    internal NetCdf3File(IRandomAccessSource source, string location, bool ownsSource = true)
    {
        _source = source;
        _ownsSource = ownsSource;
        Location = location;
        try
        {
            var header = NetCdf3Header.Read(source, location);
            FormatVersion = header.Version;
            Attributes = header.Attributes;
            (_variables, Dimensions, RecordCount, IsStreaming) = Resolve(header, source, location);
        }
        catch
        {
            if (ownsSource) source.Dispose();
            throw;
        }
        _byName = new Dictionary<string, NetCdf3Variable>(_variables.Length, StringComparer.Ordinal);
        foreach (var v in _variables) _byName.TryAdd(v.Name, v);
    }

    /// <summary>True when <paramref name="firstBytes"/> start with a NetCDF-3 magic number: 'CDF' and 0x01, 0x02 or 0x05.</summary>
    public static bool IsNetCdf3(ReadOnlySpan<byte> firstBytes) => NetCdf3Header.HasMagic(firstBytes);

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>The format version byte: 1 (classic), 2 (64-bit offset) or 5 (64-bit data).</summary>
    public int FormatVersion { get; }

    /// <summary>The format as netCDF4-python names it: NETCDF3_CLASSIC, NETCDF3_64BIT_OFFSET or NETCDF3_64BIT_DATA.</summary>
    public string FormatName => FormatVersion switch
    {
        1 => "NETCDF3_CLASSIC",
        2 => "NETCDF3_64BIT_OFFSET",
        _ => "NETCDF3_64BIT_DATA",
    };

    /// <summary>The number of records (the current length of the unlimited dimension).</summary>
    public long RecordCount { get; }

    /// <summary>True when the header's record count was STREAMING and <see cref="RecordCount"/> was derived from the file length.</summary>
    public bool IsStreaming { get; }

    /// <inheritdoc />
    public IReadOnlyList<DimensionInfo> Dimensions { get; }

    /// <inheritdoc />
    public IReadOnlyList<IChunkedSource> Variables => _variables;

    /// <inheritdoc />
    public OrderedDictionary<string, object?> Attributes { get; }

    /// <summary>The variable named <paramref name="name"/>.</summary>
    public NetCdf3Variable GetVariable(string name) =>
        _byName.TryGetValue(name, out var v) ? v
        : throw new ZarrPSException(ErrorKind.NotFound, "NetCdfVariableNotFound",
            $"NetCDF file '{Location}' has no variable '{name}' (it has: {string.Join(", ", _byName.Keys)}).", name);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsSource) _source.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{FormatName} '{Location}': {_variables.Length} variable(s), {Dimensions.Count} dimension(s)";

    /// <summary>Turns header entries into shapes, the record layout and the record count, and checks that all data lies inside the file.</summary>
    private static (NetCdf3Variable[] Variables, DimensionInfo[] Dimensions, long RecordCount, bool Streaming) Resolve(
        NetCdf3Header header, IRandomAccessSource source, string location)
    {
        ZarrPSException Invalid(string why) =>
            new(ErrorKind.InvalidData, "NetCdfHeaderInvalid", $"NetCDF file '{location}' has an invalid header: {why}.", location);

        int recordDim = -1;
        for (int d = 0; d < header.Dimensions.Count; d++)
        {
            if (header.Dimensions[d].Length != 0) continue;
            if (recordDim >= 0)
                throw Invalid($"dimensions '{header.Dimensions[recordDim].Name}' and '{header.Dimensions[d].Name}' both have length 0, but only one record (unlimited) dimension is allowed");
            recordDim = d;
        }

        // Record slab sizes first: the record stride depends on all record variables.
        int count = header.Variables.Count;
        var slabBytes = new long[count];
        var isRecord = new bool[count];
        long recordStride = 0;
        int recordVars = 0;
        long recordsBegin = long.MaxValue;
        for (int i = 0; i < count; i++)
        {
            var h = header.Variables[i];
            for (int a = 0; a < h.DimensionIds.Length; a++)
            {
                if (h.DimensionIds[a] == recordDim && a > 0)
                    throw Invalid($"variable '{h.Name}' uses the record dimension '{header.Dimensions[recordDim].Name}' as axis {a}; only the first axis may be the record dimension");
            }
            isRecord[i] = h.DimensionIds.Length > 0 && h.DimensionIds[0] == recordDim;
            try
            {
                long bytes = h.Type.Size();
                for (int a = isRecord[i] ? 1 : 0; a < h.DimensionIds.Length; a++)
                    bytes = checked(bytes * header.Dimensions[h.DimensionIds[a]].Length);
                slabBytes[i] = bytes;
                if (isRecord[i])
                {
                    recordStride = checked(recordStride + NetCdf3Header.Pad4(bytes));
                    recordVars++;
                    recordsBegin = Math.Min(recordsBegin, h.Begin);
                }
            }
            catch (OverflowException)
            {
                throw Invalid($"the size of variable '{h.Name}' overflows 64 bits");
            }
        }
        // The format's special case: with exactly one record variable, records are not padded to 4 bytes.
        if (recordVars == 1)
        {
            for (int i = 0; i < count; i++)
                if (isRecord[i]) recordStride = slabBytes[i];
        }

        bool streaming = header.RecordCount < 0;
        long records = header.RecordCount;
        if (streaming)
            records = recordVars == 0 || source.Length <= recordsBegin ? 0 : (source.Length - recordsBegin) / recordStride;

        var dims = new DimensionInfo[header.Dimensions.Count];
        for (int d = 0; d < dims.Length; d++)
            dims[d] = d == recordDim
                ? new DimensionInfo(header.Dimensions[d].Name, records, IsUnlimited: true)
                : new DimensionInfo(header.Dimensions[d].Name, header.Dimensions[d].Length);

        var variables = new NetCdf3Variable[count];
        for (int i = 0; i < count; i++)
        {
            var h = header.Variables[i];
            int rank = h.DimensionIds.Length;
            var shape = new long[rank];
            var names = new string[rank];
            for (int a = 0; a < rank; a++)
            {
                shape[a] = dims[h.DimensionIds[a]].Length;
                names[a] = dims[h.DimensionIds[a]].Name;
            }
            if (h.Begin < header.Length && (slabBytes[i] > 0 && (!isRecord[i] || records > 0)))
                throw Invalid($"variable '{h.Name}' begins at offset {h.Begin}, inside the header (which ends at {header.Length})");
            var v = new NetCdf3Variable(source, location, h, shape, names, isRecord[i], recordStride);
            long end;
            try
            {
                end = v.DataEnd();
            }
            catch (OverflowException)
            {
                throw Invalid($"the data of variable '{h.Name}' would end beyond 2^63 bytes");
            }
            if (end > source.Length)
                throw new ZarrPSException(ErrorKind.InvalidData, "NetCdfVariableTruncated",
                    $"NetCDF file '{location}' is truncated: variable '{h.Name}' has data from offset {h.Begin} to {end}" +
                    (isRecord[i] ? $" ({records} record(s) of {slabBytes[i]} bytes every {recordStride} bytes)" : "") +
                    $", but the file is only {source.Length} bytes long.", location);
            variables[i] = v;
        }
        return (variables, dims, records, streaming);
    }
}
