using ZarrPS.Engine.Formats.NetCdf3;

namespace ZarrPS.Engine.Tests.NetCdf3;

/// <summary>The virtual chunk grid NetCDF-3 variables report to the scheduler.</summary>
public class NetCdf3ChunkGridTests
{
    [Theory]
    // ERA5-like record of 721 x 1440 float32 (4.2 MB): one record per chunk.
    [InlineData(new long[] { 8760, 721, 1440 }, 4, true, new[] { 1, 721, 1440 })]
    // Small records (40 kB) are grouped to about 4 MiB.
    [InlineData(new long[] { 1000, 100, 100 }, 4, true, new[] { 104, 100, 100 })]
    // ... but never more than there are records.
    [InlineData(new long[] { 12, 90, 180 }, 4, true, new[] { 12, 90, 180 })]
    // No records yet: chunks stay at least 1.
    [InlineData(new long[] { 0, 4 }, 4, true, new[] { 1, 4 })]
    // A 150 MB record (37 levels) is cut along its own leading axis too.
    [InlineData(new long[] { 24, 37, 721, 1440 }, 4, true, new[] { 1, 1, 721, 1440 })]
    // A 1-D record variable: a time axis in one chunk up to 4 MiB.
    [InlineData(new long[] { 100000 }, 8, true, new[] { 100000 })]
    // Fixed variables: slabs of about 4 MiB along the first axis.
    [InlineData(new long[] { 1000, 1000, 50 }, 4, false, new[] { 20, 1000, 50 })]
    [InlineData(new long[] { 90, 180 }, 8, false, new[] { 90, 180 })]
    [InlineData(new long[] { 3, 4000, 4000 }, 1, false, new[] { 1, 1048, 4000 })]
    [InlineData(new long[0], 8, false, new int[0])]
    public void ChunksAreWholeRecordsOrSlabsOfAboutFourMiB(long[] shape, int itemSize, bool record, int[] expected) =>
        Assert.Equal(expected, NetCdf3Variable.VirtualChunkShape(shape, itemSize, record));
}
