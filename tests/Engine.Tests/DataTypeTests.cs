namespace ZarrPS.Engine.Tests;

public class DataTypeTests
{
    [Theory]
    [InlineData("<f4", "float32", 4, false)]
    [InlineData(">f8", "float64", 8, true)]
    [InlineData("|b1", "bool", 1, false)]
    [InlineData("|u1", "uint8", 1, false)]
    [InlineData(">i2", "int16", 2, true)]
    [InlineData("<M8[ns]", "datetime64[ns]", 8, false)]
    [InlineData("|S10", "|S10", 10, false)]
    [InlineData("<U3", "<U3", 12, false)]
    public void ParsesNumpyTypeStrings(string s, string name, int size, bool big)
    {
        var t = DataType.ParseTypeString(s);
        Assert.Equal(name, t.Name);
        Assert.Equal(size, t.ItemSize);
        Assert.Equal(big, t.BigEndian);
        Assert.Equal(s, t.TypeString);
    }

    [Theory]
    [InlineData("<f3")]
    [InlineData("f4")]
    [InlineData("<x4")]
    [InlineData("<M8")]
    public void RejectsBadTypeStringsNamingThem(string s)
    {
        var e = Assert.Throws<ZarrPSException>(() => DataType.ParseTypeString(s));
        Assert.Contains($"'{s}'", e.Message);
        Assert.Equal("InvalidDataType", e.ErrorId);
    }

    [Fact]
    public void SwapsBytesPerElement()
    {
        var t = DataType.ParseTypeString(">i4");
        byte[] data = [0, 0, 0, 1, 0, 0, 1, 0];
        t.SwapBytes(data);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 1, 0, 0 }, data);
    }
}
