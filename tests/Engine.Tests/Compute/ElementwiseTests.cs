using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Compute;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Tests.Support;

namespace ZarrPS.Engine.Tests.Compute;

/// <summary>Arithmetic, comparisons, where and math functions: broadcast by name, aligned by labels, numpy's types.</summary>
public class ElementwiseTests
{
    private static DataArray Vector(string name, string dim, double[] values, double[] labels) =>
        new(name, new Variable([dim], InMemoryArray.From(values, DataType.Float64)),
            new() { [dim] = new Variable([dim], InMemoryArray.From(labels, DataType.Float64)) });

    [Fact]
    public void ArithmeticBroadcastsByDimensionName()
    {
        var field = ReductionTests.Field(out var v, nanFraction: 0);              // (time, lat, lon)
        var lonOffset = Vector("o", "lon", [1, 2, 3, 4, 5], [100, 105, 110, 115, 120]);
        var r = field - lonOffset;
        Assert.Equal(new[] { "time", "lat", "lon" }, r.Dims);
        var got = (double[,,])r.Values!;
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 7; j++)
                for (int k = 0; k < 5; k++)
                    Assert.Equal(v[i, j, k] - (k + 1), got[i, j, k], 12);
    }

    [Fact]
    public void NewDimensionsOfTheRightOperandComeLast()
    {
        var a = Vector("a", "x", [1, 2], [0, 1]);
        var b = Vector("b", "y", [10, 20, 30], [0, 1, 2]);
        var r = a * b;
        Assert.Equal(new[] { "x", "y" }, r.Dims);
        Assert.Equal(new double[,] { { 10, 20, 30 }, { 20, 40, 60 } }, (double[,])r.Values!);
    }

    [Fact]
    public void OperandsAlignOnCommonLabelsLikeAnInnerJoin()
    {
        var a = Vector("a", "x", [1, 2, 3, 4], [10, 20, 30, 40]);
        var b = Vector("b", "x", [100, 200, 300], [20, 30, 50]);
        var r = a + b;
        Assert.Equal(new double[] { 102, 203 }, (double[])r.Values!);
        Assert.Equal(new double[] { 20, 30 }, (double[])r.Coords["x"].Values!);
    }

    [Fact]
    public void ArraysWithoutCommonLabelsAreAnErrorNamingTheCoordinate()
    {
        var a = Vector("a", "x", [1, 2], [1, 2]);
        var b = Vector("b", "x", [1, 2], [3, 4]);
        var e = Assert.Throws<ZarrPSException>(() => (a + b).Values);
        Assert.Contains("'x'", e.Message);
        Assert.Equal("NoOverlap", e.ErrorId);
    }

    [Fact]
    public void MisalignedSizesWithoutCoordinatesAreAnError()
    {
        var a = new DataArray("a", new Variable(["x"], InMemoryArray.From(new double[3], DataType.Float64)));
        var b = new DataArray("b", new Variable(["x"], InMemoryArray.From(new double[4], DataType.Float64)));
        var e = Assert.Throws<ZarrPSException>(() => a + b);
        Assert.Contains("Dimension 'x' has 3 elements", e.Message);
    }

    [Fact]
    public void ScalarsKeepFloat32AndComparisonsGiveBool()
    {
        var f = new DataArray("f", new Variable(["x"], InMemoryArray.From(new float[] { 1.5f, -2, float.NaN }, DataType.Float32)));
        var r = 2.0 * f + 1;
        Assert.Equal("float32", r.DType);
        var vals = (float[])r.Values!;
        Assert.Equal(4f, vals[0]);
        Assert.True(float.IsNaN(vals[2]));
        var gt = f.Gt(0);
        Assert.Equal("bool", gt.DType);
        Assert.Equal(new[] { true, false, false }, (bool[])gt.Values!);
        Assert.Equal(new[] { false, false, true }, (bool[])f.IsNull().Values!);
    }

    [Fact]
    public void IntegerTypesPromoteAsNumpyDoes()
    {
        var i16 = new DataArray("i", new Variable(["x"], InMemoryArray.From(new short[] { 7, -3 }, DataType.Int16)));
        var i32 = new DataArray("j", new Variable(["x"], InMemoryArray.From(new int[] { 2, 4 }, DataType.Int32)));
        var f32 = new DataArray("f", new Variable(["x"], InMemoryArray.From(new float[] { 0.5f, 0.25f }, DataType.Float32)));
        Assert.Equal("int32", (i16 + i32).DType);
        Assert.Equal("float32", (i16 * f32).DType);
        Assert.Equal("float64", (i32 * f32).DType);
        Assert.Equal("float64", (i16 / i32).DType);
        Assert.Equal(new double[] { 3.5, -0.75 }, (double[])(i16 / i32).Values!);
        Assert.Equal("float64", (i16 + 0.5).DType);
    }

    [Fact]
    public void WhereClipFillNaAndMathFunctions()
    {
        var f = new DataArray("f", new Variable(["x"], InMemoryArray.From(new double[] { -4, 1, double.NaN, 9 }, DataType.Float64)));
        Assert.Equal(new double[] { double.NaN, 1, double.NaN, 9 }, (double[])f.Where(f.Gt(0)).Values!);
        Assert.Equal(new double[] { 0, 1, 0, 9 }, (double[])f.Where(f.Gt(0), 0.0).Values!);
        Assert.Equal(new double[] { -4, 1, -1, 9 }, (double[])f.FillNa(-1).Values!);
        Assert.Equal(new double[] { 0, 1, double.NaN, 5 }, (double[])f.Clip(0, 5).Values!);
        Assert.Equal(new double[] { 4, 1, double.NaN, 9 }, (double[])f.Abs().Values!);
        Assert.Equal(3.0, ((double[])f.Sqrt().Values!)[3]);
        Assert.Equal(Math.Log(9), ((double[])f.Log().Values!)[3], 12);
        Assert.Equal(new short[] { -4, 1, 0, 9 }, (short[])f.FillNa(0).AsType("int16").Values!);
    }

    [Fact]
    public void ReductionsOfArithmeticRunOnTheScheduler()
    {
        var field = ReductionTests.Field(out var v, nanFraction: 0);
        var anomaly = field - field.Mean("time");
        var got = (double[,,])anomaly.Values!;
        for (int j = 0; j < 7; j++)
            for (int k = 0; k < 5; k++)
            {
                double m = 0;
                for (int i = 0; i < 6; i++) m += v[i, j, k];
                m /= 6;
                for (int i = 0; i < 6; i++) Assert.Equal(v[i, j, k] - m, got[i, j, k], 10);
            }
        Assert.NotNull(ComputeSession.Last);
        Assert.True(ComputeSession.Last!.Tasks > 0);
    }
}
