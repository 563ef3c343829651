using System.Reflection;
using System.Runtime.Loader;
using ZarrPS.Engine.Backends;
using ZarrPS.Engine.Model;
using ZarrPS.Engine.Model.Typed;
using ZarrPS.Engine.Tests.Support;
using ZarrPS.Engine.Writers;
using ZarrPS.Generators;

namespace ZarrPS.Engine.Tests.Generators;

/// <summary>
/// The generator predicts from metadata alone what the engine's CF decoding makes of each array. These tests write
/// real stores, generate a wrapper from their metadata, compile and load it, and let its own schema check judge
/// the opened Dataset: any type or dimension the generator got wrong fails with the variable named.
/// </summary>
public class SchemaPredictionTests
{
    [Theory]
    [InlineData(2, ".zmetadata")]
    [InlineData(3, "zarr.json")]
    public void TasRewritten(int zarrVersion, string metadata)
    {
        using var temp = new TempDir();
        string store = temp["tas.zarr"];
        using (var tas = DatasetOpener.Open(Fixtures.PathOf("xarray-zarr/tas_packed.zarr")))
            ZarrWriter.Save(tas, store, new SaveOptions { ZarrVersion = zarrVersion });
        var types = Check(Path.Combine(store, metadata), store);
        Assert.Equal(typeof(TypedArray<float>), types["tas"]);
        Assert.Equal(typeof(TypedArray<DateTime>), types["time"]);
        Assert.Equal(typeof(TypedArray<DateTime>), types["time_bnds"]);
    }

    [Fact]
    public void XarrayStoreOfManyKinds()
    {
        Python.Require("xarray", "zarr", "cftime");
        using var temp = new TempDir();
        string store = temp["kinds.zarr"];
        Python.Run($$"""
            import numpy as np, xarray as xr, pandas as pd
            t = pd.date_range('2019-07-01', periods=4, freq='6H')
            ds = xr.Dataset(
                {
                    't2m': (('time', 'latitude', 'longitude'), (np.arange(60).reshape(4, 3, 5) * 0.5 + 270).astype('f4')),
                    'cnt': (('time',), np.array([1, 2, 3, 4], dtype='i4')),
                    'flag': (('time',), np.array([True, False, True, True])),
                    'name': (('station',), np.array(['ab', 'cde'], dtype='U3')),
                    'code': (('station',), np.array([b'x1', b'y22'], dtype='S3')),
                    'nt': (('time',), xr.cftime_range('2000-01-01', periods=4, calendar='noleap')),
                    'small': (('time',), np.array([1, 2, -1, 4], dtype='i2')),
                },
                coords={'time': t, 'latitude': [40.0, 25.0, 10.0], 'longitude': np.arange(100, 150, 10.0),
                        'level': ('level', np.array([500, 850], dtype='i4')), 'station': ['s1', 's2'], 'lat_st': ('station', [1.5, 2.5])},
            )
            ds['t2m'].encoding = {'dtype': 'int16', 'scale_factor': 0.01, 'add_offset': 280.0, '_FillValue': -32767}
            ds['small'].attrs['missing_value'] = -1
            ds.to_zarr('{{store}}', consolidated=True)
            """);
        var types = Check(Path.Combine(store, ".zmetadata"), store);
        Assert.Equal(typeof(TypedArray<float>), types["t2m"]);
        Assert.Equal(typeof(TypedArray<int>), types["cnt"]);
        Assert.Equal(typeof(TypedArray<bool>), types["flag"]);
        Assert.Equal(typeof(TypedArray<string>), types["name"]);
        Assert.Equal(typeof(TypedArray<string>), types["code"]);
        Assert.Equal(typeof(TypedArray<ZarrPS.Engine.Cf.CfDate>), types["nt"]);
        Assert.Equal(typeof(TypedArray<float>), types["small"]);
        Assert.Equal(typeof(TypedArray<int>), types["level"]);
    }

    // Generates a wrapper from the schema file, compiles and loads it, opens the store through its Open, and returns
    // each variable's accessor base type (TypedArray<T>) by variable name.
    private static Dictionary<string, Type> Check(string schemaFile, string store)
    {
        string name = Path.GetFileName(schemaFile);
        var run = GeneratorHarness.Run(new XSchemaGenerator(), $$"""
            using ZarrPS.Engine.Model.Typed;
            [XSchema("schema/{{name}}")]
            public partial class Probe;
            """, ("/project/schema/" + name, File.ReadAllText(schemaFile)));
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileProblems);
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("probe", isCollectible: true);
        try
        {
            var probe = context.LoadFromStream(image).GetType("Probe")!;
            var open = probe.GetMethod("Open")!;
            object wrapper;
            try
            {
                wrapper = open.Invoke(null, [store, null])!;
            }
            catch (TargetInvocationException e) when (e.InnerException is ZarrPSException z)
            {
                Assert.Fail("The generated schema does not match what the engine opened: " + z.Message);
                throw;
            }
            using var _ = (IDisposable)wrapper;
            var dataset = (Dataset)probe.GetProperty("Dataset")!.GetValue(wrapper)!;
            var types = new Dictionary<string, Type>(StringComparer.Ordinal);
            foreach (var schema in (IReadOnlyList<SchemaVariable>)probe.GetProperty("Schema")!.GetValue(null)!)
            {
                var accessor = probe.GetProperties().Single(p => p.PropertyType.DeclaringType == probe &&
                    (string?)Member(p.GetValue(wrapper)!, "Name") == schema.Name);
                types[schema.Name] = accessor.PropertyType.BaseType!;
                // The accessor reads as many values as the untyped dataset does.
                var typed = (Array)Member(accessor.GetValue(wrapper)!, "Values")!;
                var plain = dataset[schema.Name].Values;
                Assert.Equal(plain is Array a ? a.Length : 1, typed.Length);
            }
            Assert.Equal(dataset.Variables.Count, types.Count);
            return types;
        }
        finally
        {
            context.Unload();
        }
    }

    // The most derived property of that name (a typed Values hides the base one).
    private static object? Member(object target, string name) =>
        target.GetType().GetProperties().Where(p => p.Name == name).OrderBy(p => p.DeclaringType == target.GetType() ? 0 : 1).First().GetValue(target);
}
