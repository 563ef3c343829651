using Microsoft.CodeAnalysis;
using ZarrPS.Generators;

namespace ZarrPS.Engine.Tests.Generators;

/// <summary>The [XSchema] generator through CSharpGeneratorDriver: the wrapper it writes for an ERA5-like schema in each format.</summary>
public class XSchemaGeneratorTests
{
    private const string Typed = "global::ZarrPS.Engine.Model.Typed.";

    // A consumer as a user writes it, and code that uses the wrapper the way the README shows.
    private const string Consumer = """
        using System;
        using ZarrPS.Engine.Model.Typed;

        namespace Weather;

        [XSchema("schemas/era5.zmetadata", Names = ["t2m=Temperature2m"])]
        public partial class Era5Dataset;

        public static class Use
        {
            public static float Point(Era5Dataset ds) => ds.Z.Sel(new DateTime(2019, 7, 1), 500, 10.0, 100.0).Value;
            public static TypedArray<float> Region(Era5Dataset ds) => ds.Temperature2m.Sel(time: "2019-07", latitude: (10.0, 40.0), longitude: (100.0, 140.0));
            public static TypedArray<float> Box(Era5Dataset ds) => ds.Z.Isel(time: 0, level: ^1, latitude: 0..10);
            public static DateTime[] Times(Era5Dataset ds) => ds.Time.Values;
            public static TypedArray<float> Ints(Era5Dataset ds) => ds.Temperature2m.Sel(latitude: (10, 40), longitude: 100);
            public static int[] Levels(Era5Dataset ds) => ds.Level.Values;
            public static float[,,] All(Era5Dataset ds) => ds.Temperature2m.Values;
        }
        """;

    private static GeneratorHarness.Result Run(string source, params (string, string)[] files) =>
        GeneratorHarness.Run(new XSchemaGenerator(), source, files);

    [Fact]
    public void Era5ZmetadataGivesTypedAccessors()
    {
        var r = Run(Consumer, ("/project/schemas/era5.zmetadata", Era5Schema.V2));
        Assert.Empty(r.Diagnostics);
        Assert.Empty(r.CompileProblems);

        var type = r.Type("Weather.Era5Dataset");
        Assert.Equal("Temperature2mArray", Property(type, "Temperature2m").Type.Name);
        // Packed int16 with _FillValue decodes to float32, hours since 1900 to DateTime, level stays int.
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<float>", Accessor(type, "Temperature2mArray").BaseType!.ToDisplayString());
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<System.DateTime>", Accessor(type, "TimeArray").BaseType!.ToDisplayString());
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<int>", Accessor(type, "LevelArray").BaseType!.ToDisplayString());
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<double>", Accessor(type, "LatitudeArray").BaseType!.ToDisplayString());
        var values = Assert.IsAssignableFrom<IArrayTypeSymbol>(Property(Accessor(type, "ZArray"), "Values").Type);
        Assert.Equal(4, values.Rank);
        Assert.Equal(SpecialType.System_Single, values.ElementType.SpecialType);

        var sel = Method(Accessor(type, "ZArray"), "Sel");
        Assert.Equal(["time", "level", "latitude", "longitude", "method", "tolerance"], sel.Parameters.Select(p => p.Name));
        Assert.Equal(
            ["ZarrPS.Engine.Model.Typed.TimeLabel", "ZarrPS.Engine.Model.Typed.Label<int>", "ZarrPS.Engine.Model.Typed.Label<double>", "ZarrPS.Engine.Model.Typed.Label<double>"],
            sel.Parameters.Take(4).Select(p => p.Type.ToDisplayString()));
        var isel = Method(Accessor(type, "Temperature2mArray"), "Isel");
        Assert.Equal(["time", "latitude", "longitude"], isel.Parameters.Select(p => p.Name));
        Assert.All(isel.Parameters, p => Assert.Equal("ZarrPS.Engine.Model.Typed.Positions", p.Type.ToDisplayString()));
        Assert.Contains(type.GetMembers("Open").OfType<IMethodSymbol>(), m => m.IsStatic && m.Parameters[0].Type.SpecialType == SpecialType.System_String);
    }

    [Fact]
    public void Era5GeneratedSourceHasTheSchemaAndTheSelectionMethods()
    {
        string source = Run(Consumer, ("/project/schemas/era5.zmetadata", Era5Schema.V2)).Source;
        Assert.Contains("namespace Weather;", source);
        Assert.Contains("partial class Era5Dataset : global::System.IDisposable", source);
        Assert.Contains("""public const string SchemaFile = "schemas/era5.zmetadata";""", source);
        Assert.Contains("""new("t2m", new string[] { "time", "latitude", "longitude" }, "float32"),""", source);
        Assert.Contains("""new("z", new string[] { "time", "level", "latitude", "longitude" }, "float32"),""", source);
        Assert.Contains("""new("time", new string[] { "time" }, "datetime64[ns]"),""", source);
        Assert.Contains("""new("level", new string[] { "level" }, "int32"),""", source);
        Assert.Contains("""public Temperature2mArray Temperature2m => new(Dataset.GetDataArray("t2m"));""", source);
        Assert.Contains("/// <summary>Variable 't2m' (time, latitude, longitude), float32: 2 metre temperature [K].</summary>", source);
        Assert.Contains("""global::ZarrPS.Engine.Model.Typed.DatasetSchema.Verify(dataset, "Era5Dataset", SchemaFile, Schema);""", source);
        string zSel = $$"""
                    public {{Typed}}TypedArray<float> Sel(
                        {{Typed}}TimeLabel time = default,
                        {{Typed}}Label<int> level = default,
                        {{Typed}}Label<double> latitude = default,
                        {{Typed}}Label<double> longitude = default,
                        global::ZarrPS.Engine.Model.SelectMethod method = global::ZarrPS.Engine.Model.SelectMethod.Exact,
                        object? tolerance = null)
                    {
                        var selection = NewSelection();
                        time.AddTo(selection, "time", DataArray, method, tolerance);
                        level.AddTo(selection, "level", DataArray, method, tolerance);
                        latitude.AddTo(selection, "latitude", DataArray, method, tolerance);
                        longitude.AddTo(selection, "longitude", DataArray, method, tolerance);
                        return Select(selection);
                    }
            """;
        Assert.Contains(zSel.Replace("\r\n", "\n"), source);
        Assert.Contains("public new float[,,,] Values => (float[,,,])base.Values;", source);
        Assert.Contains("time.AddTo(selection, \"time\", Shape[0]);", source);
    }

    [Fact]
    public void ZarrV3ConsolidatedMetadataReadsLikeTheEngine()
    {
        var r = Run("""
            using ZarrPS.Engine.Model.Typed;
            [XSchema("era5.zarr/zarr.json", Names = ["t2m=Temperature2m"])]
            public partial class Era5V3;
            """, ("/data/era5.zarr/zarr.json", Era5Schema.V3));
        Assert.Empty(r.Diagnostics);
        Assert.Empty(r.CompileProblems);
        var type = r.Type("Era5V3");
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<float>", Accessor(type, "Temperature2mArray").BaseType!.ToDisplayString());
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<System.DateTime>", Accessor(type, "TimeArray").BaseType!.ToDisplayString());
        // A v3 fill_value acts as _FillValue (xarray's zarr backend does the same): int32 levels are masked to float64; bools stay.
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<double>", Accessor(type, "LevelArray").BaseType!.ToDisplayString());
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<bool>", Accessor(type, "FlagsArray").BaseType!.ToDisplayString());
        Assert.Equal("ZarrPS.Engine.Model.Typed.Label<double>", Method(Accessor(type, "FlagsArray"), "Sel").Parameters[0].Type.ToDisplayString());
        // Arrays of subgroups are not variables of the root dataset.
        Assert.Empty(type.GetMembers("Deeper"));
    }

    [Fact]
    public void XSchemaJsonGivesItsOwnTypesAndNames()
    {
        var r = Run("""
            using ZarrPS.Engine.Model.Typed;
            namespace Stations;
            [XSchema("era5.xschema.json")]
            internal partial class Era5Stations;
            """, ("/project/era5.xschema.json", Era5Schema.XSchema));
        Assert.Empty(r.Diagnostics);
        Assert.Empty(r.CompileProblems);
        var type = r.Type("Stations.Era5Stations");
        Assert.NotEmpty(type.GetMembers("Temperature2m"));
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<string>", Accessor(type, "StationArray").BaseType!.ToDisplayString());
        Assert.Equal("ZarrPS.Engine.Model.Typed.TypedArray<ZarrPS.Engine.Cf.CfDate>", Accessor(type, "SiteDateArray").BaseType!.ToDisplayString());
        // 'site' has no 1-D coordinate of its own name: selecting it by label falls back to positions.
        Assert.Equal("ZarrPS.Engine.Model.Typed.Positions", Method(Accessor(type, "StationArray"), "Sel").Parameters[0].Type.ToDisplayString());
        Assert.Contains("""new("station", new string[] { "site" }, "<U"),""", r.Source);
        Assert.Contains("""new("site_date", new string[] { "site" }, "cftime"),""", r.Source);
        Assert.Contains("/// <summary>Coordinate 'station' (site), &lt;U8.</summary>", r.Source);
    }

    [Fact]
    public void SchemaOutsideTheProjectIsFoundByItsTail()
    {
        const string source = """
            using ZarrPS.Engine.Model.Typed;
            [XSchema("../shared/fixtures/era5.zmetadata")]
            public partial class ByTail;
            """;
        var r = Run(source, ("/elsewhere/shared/fixtures/era5.zmetadata", Era5Schema.V2), ("/elsewhere/other.json", "{}"));
        Assert.Empty(r.Diagnostics);
        Assert.NotEmpty(r.Type("ByTail").GetMembers("T2m"));
    }

    [Fact]
    public void DimensionNamesThatAreNotIdentifiersBecomeParameterNames()
    {
        const string schema = """
            { "variables": {
                "v": { "dims": ["class", "2d", "method"], "dtype": "float64" },
                "class": { "dims": ["class"], "dtype": "int8" }
            } }
            """;
        var r = Run("""
            using ZarrPS.Engine.Model.Typed;
            [XSchema("odd.xschema.json")]
            public partial class Odd;
            """, ("/project/odd.xschema.json", schema));
        Assert.Empty(r.Diagnostics);
        Assert.Empty(r.CompileProblems);
        var sel = Method(Accessor(r.Type("Odd"), "VArray"), "Sel");
        Assert.Equal(["class", "_2d", "method_", "method", "tolerance"], sel.Parameters.Select(p => p.Name));
        Assert.Equal("ZarrPS.Engine.Model.Typed.Label<sbyte>", sel.Parameters[0].Type.ToDisplayString());
    }

    private static IPropertySymbol Property(INamedTypeSymbol type, string name) => Assert.Single(type.GetMembers(name).OfType<IPropertySymbol>());

    private static INamedTypeSymbol Accessor(INamedTypeSymbol type, string name) => Assert.Single(type.GetTypeMembers(name));

    private static IMethodSymbol Method(INamedTypeSymbol type, string name) => Assert.Single(type.GetMembers(name).OfType<IMethodSymbol>());
}
