namespace ZarrPS.Engine.Tests.Storage;

public class Crc32Tests
{
    [Fact]
    public void MatchesTheStandardCheckValue()
    {
        // The CRC-32 catalogue's check value: CRC of the ASCII digits "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void TheFastPathAgreesWithTheTableForEveryLengthAndAlignment()
    {
        var data = new byte[5000];
        new Random(3).NextBytes(data);
        for (int length = 0; length <= 600; length++)
            foreach (int offset in new[] { 0, 1, 7 })
            {
                var span = data.AsSpan(offset, length);
                Assert.Equal(~Crc32.UpdateScalar(0xFFFFFFFFu, span), Crc32.Compute(span));
            }
        Assert.Equal(~Crc32.UpdateScalar(0xFFFFFFFFu, data), Crc32.Compute(data));
    }
}
