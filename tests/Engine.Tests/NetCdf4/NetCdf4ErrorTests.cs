using System.Text.Json.Nodes;
using ZarrPS.Engine.Formats.NetCdf4;
using static ZarrPS.Engine.Tests.NetCdf4.NetCdf4TestSupport;

namespace ZarrPS.Engine.Tests.NetCdf4;

/// <summary>Plain HDF5 files written by h5py in a temp folder (phony dimensions, a user block, features PureHDF lacks).</summary>
public sealed class GeneratedHdf5Files : IDisposable
{
    public GeneratedHdf5Files()
    {
        Folder = Directory.CreateTempSubdirectory("zarrps-h5-").FullName;
        try
        {
            RunPython(NetCdf4PythonScripts.WriteHdf5, [Folder]);
            Written = true;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            Written = false;
        }
    }

    public string Folder { get; }
    public bool Written { get; }

    public string File(string name)
    {
        RequireH5py();
        Assert.True(Written, "h5py is importable but writing the HDF5 test files failed");
        return Path.Combine(Folder, name);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>What the reader refuses, each with its message; and HDF5 files that are not netCDF-4 files.</summary>
public class NetCdf4ErrorTests(GeneratedHdf5Files h5) : IClassFixture<GeneratedHdf5Files>
{
    private const string Tas = "netcdf/tas_packed_nc4.nc";
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    [Fact]
    public void ANonHdf5FileIsRefusedNamingIt()
    {
        string path = Path.Combine(h5.Folder, "not-hdf5.nc");
        File.Copy(Fixture("netcdf/coads_climatology.cdf"), path, overwrite: true);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf4File(path));
        Assert.Equal("NotAnHdf5File", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
        Assert.Contains(path, e.Message);
        Assert.Contains("no HDF5 signature", e.Message);
    }

    [Fact]
    public void AMissingFileIsNotFound()
    {
        string path = Path.Combine(h5.Folder, "absent.nc");
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf4File(path));
        Assert.Equal("FileNotFound", e.ErrorId);
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ATruncatedHdf5FileFailsToOpenWithTheFileNamed()
    {
        string path = Path.Combine(h5.Folder, "truncated.nc");
        byte[] head = File.ReadAllBytes(Fixture(Tas)).AsSpan(0, 2000).ToArray();
        File.WriteAllBytes(path, head);
        var e = Assert.Throws<ZarrPSException>(() => new NetCdf4File(path));
        Assert.Contains(path, e.Message);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
    }

    [Fact]
    public void ARegionOutsideTheShapeNamesTheVariableAndDimension()
    {
        using var file = new NetCdf4File(Fixture(Tas));
        var tas = file.GetVariable("tas");
        var buffer = new byte[2 * 96 * 192 * 2];
        var e = Assert.Throws<ZarrPSException>(() => tas.ReadRegion([11, 0, 0], [2, 96, 192], buffer));
        Assert.Equal("RegionOutOfBounds", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("'tas'", e.Message);
        Assert.Contains("dimension 'time' has 12 elements", e.Message);
        Assert.Contains("11..13", e.Message);

        e = Assert.Throws<ZarrPSException>(() => tas.ReadRegion([0, -1, 0], [1, 1, 1], new byte[2]));
        Assert.Contains("dimension 'lat'", e.Message);
    }

    [Fact]
    public void ARegionOfTheWrongRankOrBufferSizeIsRefused()
    {
        using var file = new NetCdf4File(Fixture(Tas));
        var tas = file.GetVariable("tas");
        var e = Assert.Throws<ZarrPSException>(() => tas.ReadRegion([0, 0], [1, 1], new byte[2]));
        Assert.Equal("RegionRankMismatch", e.ErrorId);
        Assert.Contains("'tas' in '", e.Message);
        Assert.Contains("3 dimension(s) (time, lat, lon)", e.Message);

        e = Assert.Throws<ZarrPSException>(() => tas.ReadRegion([0, 0, 0], [1, 1, 2], new byte[2]));
        Assert.Equal("DestinationSizeMismatch", e.ErrorId);
        Assert.Contains("holds 2 bytes", e.Message);
        Assert.Contains("needs 4", e.Message);
    }

    [Fact]
    public void AnUnknownVariableNamesWhatThereIs()
    {
        using var file = new NetCdf4File(Fixture(Tas));
        var e = Assert.Throws<ZarrPSException>(() => file.GetVariable("pr"));
        Assert.Equal("VariableNotFound", e.ErrorId);
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("no variable 'pr'", e.Message);
        Assert.Contains("tas", e.Message);
    }

    [Fact]
    public void ReadingAfterCloseFails()
    {
        var file = new NetCdf4File(Fixture(Tas));
        var tas = file.GetVariable("tas");
        file.Dispose();
        var e = Assert.Throws<ZarrPSException>(() => tas.ReadRegion([0, 0, 0], [1, 1, 1], new byte[2]));
        Assert.Equal("FileClosed", e.ErrorId);
        Assert.Contains("'tas'", e.Message);
    }

    [Fact]
    public void AFilterPureHdfLacksIsNamedWhenReading()
    {
        using var file = new NetCdf4File(h5.File("unsupported.h5"));
        var lzf = file.GetVariable("lzf");
        Assert.Equal(["lzf (32000)"], lzf.Filters);
        var e = Assert.Throws<ZarrPSException>(() => lzf.ReadRegion([0], [10], new byte[40]));
        Assert.Equal("Hdf5FilterNotSupported", e.ErrorId);
        Assert.Equal(ErrorKind.NotImplemented, e.Kind);
        Assert.Contains("Variable 'lzf'", e.Message);
        Assert.Contains("unsupported.h5", e.Message);
        Assert.Contains("32000", e.Message);
        Assert.Contains("lzf", e.Message);
    }

    [Fact]
    public void DatasetsOfTypesWithoutAnEngineEquivalentAreSkippedWithTheReason()
    {
        using var file = new NetCdf4File(h5.File("unsupported.h5"));
        Assert.Equal(["lzf", "ok"], file.Variables.Select(v => v.Name).Order());
        Assert.Equal(["compound", "ragged"], file.SkippedVariables.Keys.Order());
        var e = Assert.Throws<ZarrPSException>(() => file.GetVariable("compound"));
        Assert.Equal("Hdf5TypeNotSupported", e.ErrorId);
        Assert.Equal(ErrorKind.NotImplemented, e.Kind);
        Assert.Contains("'compound'", e.Message);
        Assert.Contains("Compound", e.Message);
        Assert.Contains("VariableLength", file.SkippedVariables["ragged"]);
        var ok = new byte[24];
        file.GetVariable("ok").ReadRegion([0], [3], ok);
        Assert.Equal(2L, BitConverter.ToInt64(ok, 16));
    }

    [Fact]
    public void PlainHdf5DatasetsGetNetCdfCsPhonyDimensions()
    {
        string path = h5.File("phony.h5");
        RequireNetCdf4Python();
        var peer = JsonNode.Parse(RunPython(NetCdf4PythonScripts.NetCdfView, [path]))!.AsObject();
        using var file = new NetCdf4File(path);
        Assert.Equal(
            peer["dims"]!.AsObject().Select(kv => (kv.Key, (long)kv.Value!)).Order(),
            file.Dimensions.Select(d => (d.Name, d.Length)).Order());
        foreach (var (name, dims) in peer["vars"]!.AsObject())
            Assert.Equal(dims!.AsArray().Select(n => (string)n!), file.GetVariable(name).DimensionNames);
        var a = new byte[12 * 8];
        file.GetVariable("a").ReadRegion([0, 0], [3, 4], a);
        Assert.Equal(11.0, BitConverter.ToDouble(a, 88));
    }

    [Fact]
    public void AUserBlockBigEndianDataAndBigEndianAttributesAreRead()
    {
        string path = h5.File("userblock.h5");
        byte[] head = File.ReadAllBytes(path).AsSpan(0, 1024).ToArray();
        Assert.False(head.AsSpan(0, 8).SequenceEqual(Signature));
        Assert.True(NetCdf4File.IsHdf5(head));

        using var file = new NetCdf4File(path);
        Assert.Equal(new[] { 1.5f, -2.25f }, Assert.IsType<float[]>(file.Attributes["be_attr"]));
        Assert.Equal((short)258, Assert.IsType<short>(file.Attributes["be_scalar"]));
        Assert.Equal("fixed text", file.Attributes["fixed"]);
        var v = file.GetVariable("v");
        Assert.True(v.StoredType!.BigEndian);
        var data = new byte[6 * 4];
        v.ReadRegion([0, 1], [2, 2], data.AsSpan(0, 16));
        Assert.Equal([1, 2, 4, 5], Enumerable.Range(0, 4).Select(i => BitConverter.ToInt32(data, i * 4)));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(512, true)]
    [InlineData(2048, true)]
    [InlineData(100, false)]
    public void IsHdf5FindsTheSignatureAtZeroOrAUserBlockOffset(int offset, bool expected)
    {
        var bytes = new byte[4096];
        Signature.CopyTo(bytes.AsSpan(offset));
        Assert.Equal(expected, NetCdf4File.IsHdf5(bytes));
    }

    [Fact]
    public void IsHdf5RefusesNetCdf3AndShortInput()
    {
        Assert.False(NetCdf4File.IsHdf5(File.ReadAllBytes(Fixture("netcdf/coads_climatology.cdf")).AsSpan(0, 4096)));
        Assert.False(NetCdf4File.IsHdf5(Signature.AsSpan(0, 4)));
        Assert.True(NetCdf4File.IsHdf5(File.ReadAllBytes(Fixture(Tas)).AsSpan(0, 8)));
    }
}
