using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Tests.Cf;

/// <summary>value × numerator / denominator from a double's exact binary value, rounded half to even.</summary>
public class ExactScaleTests
{
    [Theory]
    [InlineData(1.5, 1, 1, 2)]
    [InlineData(2.5, 1, 1, 2)]
    [InlineData(-2.5, 1, 1, -2)]
    [InlineData(-3.5, 1, 1, -4)]
    [InlineData(0.1, 10, 1, 1)]                 // 0.1000000000000000055 × 10 is just above 1
    [InlineData(0.3, 3_600_000_000, 1, 1_080_000_000)]
    [InlineData(2.5e-6, 1_000_000, 1, 3)]       // 2.5e-6 is stored slightly above 2.5e-6: rounds up, as cftime does
    [InlineData(1.5, 1, 1000, 0)]               // 0.0015 → 0
    [InlineData(0.0045, 1000, 1, 4)]            // stored as 0.00449999999999999966: below the tie at 4.5
    [InlineData(0.0025, 1000, 1, 3)]            // stored as 0.00250000000000000005: above the tie at 2.5
    [InlineData(4.5, 1, 1000, 0)]               // 0.0045 → 0
    [InlineData(4500.0, 1, 1000, 4)]            // exact tie 4.5 → even
    [InlineData(5500.0, 1, 1000, 6)]            // exact tie 5.5 → even
    [InlineData(1e16, 1, 1, 10_000_000_000_000_000)]
    [InlineData(9.007199254740993e15, 3, 1, 27_021_597_764_222_976)] // 2^53 (the literal rounds to it) × 3
    [InlineData(1e-300, 86_400_000_000, 1, 0)]
    [InlineData(5e-324, 86_400_000_000_000, 1, 0)]
    [InlineData(0.0, 7, 1, 0)]
    public void RoundsTheExactProduct(double value, long numerator, long denominator, long expected)
    {
        Assert.True(ExactScale.TryScale(value, numerator, denominator, out Int128 result));
        Assert.Equal((Int128)expected, result);
    }

    [Fact]
    public void LargeAndInvalidValues()
    {
        Assert.True(ExactScale.TryScale(Math.Pow(2, 62), 86_400_000_000_000, 1, out Int128 big));
        Assert.Equal((Int128)1 << 62, big / 86_400_000_000_000);
        Assert.False(ExactScale.TryScale(1e300, 1, 1, out _));
        Assert.False(ExactScale.TryScale(double.NaN, 1, 1, out _));
        Assert.False(ExactScale.TryScale(double.NegativeInfinity, 1, 1, out _));
        Assert.True(ExactScale.TryScale(long.MaxValue, 1000, 1000, out Int128 same));
        Assert.Equal((Int128)long.MaxValue, same);
        Assert.True(ExactScale.TryScale(-2_500L, 1, 1000, out Int128 tie));
        Assert.Equal((Int128)(-2), tie);
    }
}
