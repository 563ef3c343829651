using System.Buffers.Binary;
using System.Text;
using ZarrPS.Engine.Formats.NetCdf3;
using static ZarrPS.Engine.Tests.NetCdf3.NetCdf3TestSupport;

namespace ZarrPS.Engine.Tests.NetCdf3;

/// <summary>Detection, the smallest files of the specification, and every error with its message.</summary>
public sealed class NetCdf3ErrorTests : IDisposable
{
    // Offsets inside the specification's 92-byte "tiny" example (short vx(dim=5) = 3, 1, 4, 1, 5).
    private const int DimensionTagOffset = 8;
    private const int DimensionIdOffset = 56;
    private const int VariableTypeOffset = 68;

    private readonly string _dir = NewTempDirectory();

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void ReadsTheSpecificationsTinyExample()
    {
        using var nc = new NetCdf3File(Write("tiny.nc", Tiny()));
        var dim = Assert.Single(nc.Dimensions);
        Assert.Equal(("dim", 5L, false), (dim.Name, dim.Length, dim.IsUnlimited));
        var vx = nc.GetVariable("vx");
        Assert.Equal(DataType.Int16, vx.DType);
        Assert.Equal([5L], vx.Shape);
        Assert.Empty(vx.Attributes);
        Assert.Empty(nc.Attributes);
        Assert.Null(vx.FillValue);
        Assert.Equal(80, vx.Begin);
        var values = new short[5];
        vx.ReadRegion([0], [5], System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        Assert.Equal(new short[] { 3, 1, 4, 1, 5 }, values);
        var two = new short[2];
        vx.ReadRegion([3], [2], System.Runtime.InteropServices.MemoryMarshal.AsBytes(two.AsSpan()));
        Assert.Equal(new short[] { 1, 5 }, two);
    }

    [Fact]
    public void ReadsTheSpecificationsEmptyFile()
    {
        var empty = new byte[32];
        "CDF\u0001"u8.CopyTo(empty);
        using var nc = new NetCdf3File(Write("empty.nc", empty));
        Assert.Empty(nc.Dimensions);
        Assert.Empty(nc.Variables);
        Assert.Empty(nc.Attributes);
        Assert.Equal(0, nc.RecordCount);
    }

    [Theory]
    [InlineData(new byte[] { 0x43, 0x44, 0x46, 0x01 }, true)]
    [InlineData(new byte[] { 0x43, 0x44, 0x46, 0x02, 0, 0 }, true)]
    [InlineData(new byte[] { 0x43, 0x44, 0x46, 0x05 }, true)]
    [InlineData(new byte[] { 0x43, 0x44, 0x46, 0x03 }, false)]
    [InlineData(new byte[] { 0x89, 0x48, 0x44, 0x46 }, false)]
    [InlineData(new byte[] { 0x43, 0x44, 0x46 }, false)]
    [InlineData(new byte[0], false)]
    public void DetectsTheMagicBytes(byte[] first, bool expected) => Assert.Equal(expected, NetCdf3File.IsNetCdf3(first));

    [Fact]
    public void DetectsTheFixtures()
    {
        Assert.True(NetCdf3File.IsNetCdf3(File.ReadAllBytes(Fixture("netcdf/coads_climatology.cdf")).AsSpan(0, 8)));
        Assert.True(NetCdf3File.IsNetCdf3(File.ReadAllBytes(Fixture("netcdf/tas_64bit_offset.nc")).AsSpan(0, 8)));
        Assert.False(NetCdf3File.IsNetCdf3(File.ReadAllBytes(Fixture("netcdf/nc4uvt.nc")).AsSpan(0, 8)));
    }

    [Fact]
    public void AnHdf5FileIsNotNetCdf3AndTheMessageSaysWhatItIs()
    {
        string path = Fixture("netcdf/nc4uvt.nc");
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(path));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal("NetCdfNotClassicFormat", e.ErrorId);
        Assert.Contains(path, e.Message);
        Assert.Contains("0x89 0x48 0x44 0x46", e.Message);
        Assert.Contains("HDF5", e.Message);
    }

    [Theory]
    [InlineData("hello world", "0x68 0x65 0x6C 0x6C (\"hell\")")]
    [InlineData("", "the file is empty")]
    [InlineData("CD", "0x43 0x44 (\"CD\")")]
    [InlineData("CDF\u0003\0\0\0\0", "unknown format version 3")]
    public void OtherFilesAreNotNetCdf3(string content, string said)
    {
        string path = Write("not.nc", Encoding.Latin1.GetBytes(content));
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(path));
        Assert.Equal("NetCdfNotClassicFormat", e.ErrorId);
        Assert.Contains($"'{path}' is not a NetCDF-3 file", e.Message);
        Assert.Contains(said, e.Message);
    }

    [Fact]
    public void AMissingFileIsNotFound()
    {
        string path = Path.Combine(_dir, "nowhere.nc");
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(path));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Equal("NetCdfFileNotFound", e.ErrorId);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ATruncatedHeaderSaysWhereItEnds()
    {
        string path = Write("cut.nc", Tiny()[..50]);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(path));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal("NetCdfHeaderTruncated", e.ErrorId);
        Assert.Contains(path, e.Message);
        Assert.Contains("reading the variable list at offset 44 needs at least 28 byte(s)", e.Message);
        Assert.Contains("the file ends at 50", e.Message);
    }

    [Fact]
    public void ATruncatedCopyOfAFixtureHeaderSaysWhereItEnds()
    {
        byte[] coads = File.ReadAllBytes(Fixture("netcdf/coads_climatology.cdf"));
        string path = Write("coads_cut_header.cdf", coads[..700]);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(path));
        Assert.Equal("NetCdfHeaderTruncated", e.ErrorId);
        Assert.Matches(@"reading .+ at offset \d+ needs \d+ byte\(s\), but the file ends at 700\.", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ATruncatedCopyOfAFixtureNamesTheVariableWhoseDataIsMissing()
    {
        byte[] coads = File.ReadAllBytes(Fixture("netcdf/coads_climatology.cdf"));
        string path = Write("coads_cut.cdf", coads[..5_000_000]);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(path));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal("NetCdfVariableTruncated", e.ErrorId);
        Assert.Contains(path, e.Message);
        Assert.Contains("variable 'SST'", e.Message);
        Assert.Contains("12 record(s) of 64800 bytes every 453608 bytes", e.Message);
        Assert.Contains("the file is only 5000000 bytes long", e.Message);
    }

    [Fact]
    public void ATruncatedFixedVariableIsNamed()
    {
        string path = Write("tiny_cut.nc", Tiny()[..88]);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(path));
        Assert.Equal("NetCdfVariableTruncated", e.ErrorId);
        Assert.Contains("variable 'vx' has data from offset 80 to 90", e.Message);
    }

    [Theory]
    [InlineData(17, "unknown nc_type 17 at offset 68 (expected 1..6 (NC_BYTE..NC_DOUBLE) in a CDF-1 file)")]
    [InlineData(0, "unknown nc_type 0 at offset 68")]
    [InlineData(10, "NC_INT64 exists only in CDF-5 files")]
    public void AnUnknownTypeIsNamedWithItsVariable(int type, string said)
    {
        byte[] bytes = Tiny();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(VariableTypeOffset), type);
        string path = Write("badtype.nc", bytes);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(path));
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Equal("NetCdfHeaderInvalid", e.ErrorId);
        Assert.Contains(path, e.Message);
        Assert.Contains("variable 'vx' has", e.Message);
        Assert.Contains(said, e.Message);
    }

    [Fact]
    public void AnUnknownAttributeTypeIsNamedWithItsAttribute()
    {
        var b = new CdfBuilder(1).Int(0).Absent()
            .Int(0x0C).Int(1).Name("units").Int(42).Int(1).Bytes("m\0\0\0"u8)
            .Absent();
        string path = Write("badattr.nc", b.ToArray());
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(path));
        Assert.Equal("NetCdfHeaderInvalid", e.ErrorId);
        Assert.Contains("global attribute 'units' has unknown nc_type 42 at offset 36", e.Message);
    }

    [Fact]
    public void ADimensionIdOutOfRangeIsInvalid()
    {
        byte[] bytes = Tiny();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(DimensionIdOffset), 3);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(Write("baddim.nc", bytes)));
        Assert.Equal("NetCdfHeaderInvalid", e.ErrorId);
        Assert.Contains("variable 'vx' refers to dimension id 3, but the file declares 1 dimension(s)", e.Message);
    }

    [Fact]
    public void AWrongListTagIsInvalid()
    {
        byte[] bytes = Tiny();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(DimensionTagOffset), 0x0B);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(Write("badtag.nc", bytes)));
        Assert.Equal("NetCdfHeaderInvalid", e.ErrorId);
        Assert.Contains("at offset 8 (the dimension list): expected the NC_DIMENSION tag (10) or ABSENT, found 11", e.Message);
    }

    [Fact]
    public void TwoRecordDimensionsAreInvalid()
    {
        var b = new CdfBuilder(1).Int(0)
            .Int(0x0A).Int(2).Name("a").Int(0).Name("b").Int(0)
            .Absent().Absent();
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(Write("tworec.nc", b.ToArray())));
        Assert.Equal("NetCdfHeaderInvalid", e.ErrorId);
        Assert.Contains("dimensions 'a' and 'b' both have length 0", e.Message);
    }

    [Fact]
    public void AHugeCountFailsAsTruncatedWithoutAllocating()
    {
        // CDF-5 counts are 64-bit: a header claiming 2^62 dimensions must not try to hold them.
        var b = new CdfBuilder(5).Long(0).Int(0x0A).Long(1L << 62);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(Write("huge.nc", b.ToArray())));
        Assert.Equal("NetCdfHeaderTruncated", e.ErrorId);
        Assert.Contains("reading the dimension list at offset 24 needs at least 73786976294838206464 byte(s)", e.Message);
    }

    [Fact]
    public void MoreDimensionsThanNetCdfAllowsIsInvalid()
    {
        var b = new CdfBuilder(1).Int(0).Int(0x0A).Int(1).Name("d").Int(1).Absent()
            .Int(0x0B).Int(1).Name("v").Int(2000).Bytes(new byte[8100]);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf3File(Write("rank.nc", b.ToArray())));
        Assert.Equal("NetCdfHeaderInvalid", e.ErrorId);
        Assert.Contains("variable 'v' has 2000 dimensions; netCDF allows at most 1024", e.Message);
    }

    [Fact]
    public void ReadsAVariableOfHighRank()
    {
        // 38 axes of length 1, then 3 x 3: regions walk more axes than fit the stack-allocated index.
        const int rank = 40;
        var b = new CdfBuilder(1).Int(0).Int(0x0A).Int(2).Name("one").Int(1).Name("three").Int(3).Absent()
            .Int(0x0B).Int(1).Name("v").Int(rank);
        for (int a = 0; a < rank; a++) b.Int(a < rank - 2 ? 0 : 1);
        int begin = b.ToArray().Length + 4 * 5;
        b.Absent().Int(3).Int(20).Int(begin);
        for (short k = 0; k < 9; k++) b.Short((short)(10 * k));
        b.Short(0);
        using var nc = new NetCdf3File(Write("rank40.nc", b.ToArray()));
        var v = nc.GetVariable("v");
        Assert.Equal(rank, v.Shape.Length);
        var start = new long[rank];
        var count = Enumerable.Repeat(1L, rank).ToArray();
        start[^2] = 1;
        start[^1] = 1;
        count[^2] = 2;
        count[^1] = 2;
        var values = new short[4];
        v.ReadRegion(start, count, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        Assert.Equal(new short[] { 40, 50, 70, 80 }, values);
    }

    [Fact]
    public void RegionsOutsideTheShapeNameVariableDimensionAndSizes()
    {
        using var nc = new NetCdf3File(Fixture("netcdf/coads_climatology.cdf"));
        var sst = nc.GetVariable("SST");

        var e = Assert.Throws<ZarrPSException>(() => sst.ReadRegion([0, 0, 170], [1, 1, 20], new byte[80]));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("NetCdfRegionOutOfBounds", e.ErrorId);
        Assert.Contains("Variable 'SST'", e.Message);
        Assert.Contains("dimension 'COADSX' has 180 element(s), but the region asks for [170, 190) (start 170, count 20)", e.Message);

        e = Assert.Throws<ZarrPSException>(() => sst.ReadRegion([12, 0, 0], [1, 1, 1], new byte[4]));
        Assert.Contains("dimension 'TIME' has 12 element(s)", e.Message);

        e = Assert.Throws<ZarrPSException>(() => sst.ReadRegion([0, -1, 0], [1, 1, 1], new byte[4]));
        Assert.Equal("NetCdfRegionOutOfBounds", e.ErrorId);
        Assert.Contains("dimension 'COADSY'", e.Message);

        e = Assert.Throws<ZarrPSException>(() => sst.ReadRegion([0, 0], [1, 1], new byte[4]));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("NetCdfRegionInvalid", e.ErrorId);
        Assert.Contains("has 3 dimension(s) (TIME, COADSY, COADSX), but the region has 2 start and 2 count value(s)", e.Message);

        e = Assert.Throws<ZarrPSException>(() => sst.ReadRegion([0, 0, 0], [1, 2, 3], new byte[25]));
        Assert.Equal("NetCdfRegionBufferSize", e.ErrorId);
        Assert.Contains("the region of 6 element(s) needs 24 bytes, but the destination holds 25", e.Message);
    }

    [Fact]
    public void AnUnknownVariableIsNotFound()
    {
        using var nc = new NetCdf3File(Fixture("netcdf/coads_climatology.cdf"));
        var e = Assert.Throws<ZarrPSException>(() => nc.GetVariable("sst"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("has no variable 'sst' (it has: COADSX, COADSY, TIME, SST", e.Message);
    }

    [Fact]
    public void AFileShortenedAfterOpeningFailsTheReadByName()
    {
        var bytes = File.ReadAllBytes(Fixture("netcdf/coads_climatology.cdf"));
        var source = new ShrinkingSource(bytes);
        using var nc = new NetCdf3File(source, "memory:coads");
        source.VisibleLength = 1_000_000;
        var slp = nc.GetVariable("SLP");
        var e = Assert.Throws<ZarrPSException>(() => ReadAll(slp));
        Assert.Equal("NetCdfVariableTruncated", e.ErrorId);
        // Records 0 and 1 lie before the new end; record 2 is the first read that finds nothing.
        long record2 = slp.Begin + 2 * slp.ByteStrides[0];
        Assert.Contains($"Variable 'SLP' in 'memory:coads': the file ends before offset {record2}", e.Message);
    }

    [Fact]
    public void ASourceIsDisposedWhenOpeningFails()
    {
        var source = new CountingSource(Tiny()[..40]);
        Assert.Throws<ZarrPSException>(() => new NetCdf3File(source, "memory:tiny"));
        Assert.True(source.Disposed);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The specification's example: netcdf tiny { dimensions: dim = 5; variables: short vx(dim); data: vx = 3, 1, 4, 1, 5; }</summary>
    private static byte[] Tiny()
    {
        var b = new CdfBuilder(1).Int(0)
            .Int(0x0A).Int(1).Name("dim").Int(5)
            .Absent()
            .Int(0x0B).Int(1).Name("vx").Int(1).Int(0).Absent().Int(3).Int(12).Int(80)
            .Short(3).Short(1).Short(4).Short(1).Short(5).Short(-32767);
        byte[] bytes = b.ToArray();
        Assert.Equal(92, bytes.Length);
        return bytes;
    }

    /// <summary>Writes classic-format header fields big-endian, by hand.</summary>
    private sealed class CdfBuilder
    {
        private readonly List<byte> _bytes = [];
        private readonly int _version;

        public CdfBuilder(int version)
        {
            _version = version;
            Bytes("CDF"u8);
            _bytes.Add((byte)version);
        }

        public CdfBuilder Bytes(ReadOnlySpan<byte> bytes)
        {
            _bytes.AddRange(bytes.ToArray());
            return this;
        }

        public CdfBuilder Int(int v)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(b, v);
            return Bytes(b);
        }

        public CdfBuilder Long(long v)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(b, v);
            return Bytes(b);
        }

        public CdfBuilder Short(short v)
        {
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteInt16BigEndian(b, v);
            return Bytes(b);
        }

        public CdfBuilder Absent() => _version == 5 ? Int(0).Long(0) : Int(0).Int(0);

        public CdfBuilder Name(string name)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(name);
            if (_version == 5) Long(utf8.Length); else Int(utf8.Length);
            Bytes(utf8);
            while (_bytes.Count % 4 != 0) _bytes.Add(0);
            return this;
        }

        public byte[] ToArray() => [.. _bytes];
    }

    /// <summary>A source whose file gets shorter after the header was read.</summary>
    private sealed class ShrinkingSource(byte[] bytes) : IRandomAccessSource
    {
        public long VisibleLength { get; set; } = bytes.LongLength;

        public long Length => bytes.LongLength;

        public int Read(long offset, Span<byte> destination)
        {
            if (offset >= VisibleLength) return 0;
            int n = (int)Math.Min(destination.Length, VisibleLength - offset);
            bytes.AsSpan((int)offset, n).CopyTo(destination);
            return n;
        }

        public void Dispose()
        {
        }
    }
}
