using Microsoft.CodeAnalysis;
using ZarrPS.Generators;

namespace ZarrPS.Engine.Tests.Generators;

/// <summary>Each diagnostic of the [XSchema] generator, with its message, and no source when it is an error.</summary>
public class XSchemaDiagnosticTests
{
    private static GeneratorHarness.Result Run(string attribute, string className, params (string, string)[] files) =>
        GeneratorHarness.Run(new XSchemaGenerator(), $$"""
            using ZarrPS.Engine.Model.Typed;
            {{attribute}}
            public partial class {{className}};
            """, files);

    private static Diagnostic Only(GeneratorHarness.Result r, string id)
    {
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(id, d.Id);
        // Reported on the attribute, where the fix goes.
        Assert.Equal("/project/Source.cs", d.Location.GetLineSpan().Path);
        Assert.Equal(1, d.Location.GetLineSpan().StartLinePosition.Line);
        return d;
    }

    [Fact]
    public void ZPS001MissingSchemaFile()
    {
        var r = Run("""[XSchema("schemas/era5.zmetadata")]""", "Era5", ("/project/schemas/other.zmetadata", Era5Schema.V2));
        var d = Only(r, "ZPS001");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("The schema file 'schemas/era5.zmetadata' named by [XSchema] on 'Era5' is not an AdditionalFile of the project; add <AdditionalFiles Include=\"schemas/era5.zmetadata\" /> to the project file", d.GetMessage());
        Assert.Empty(r.Sources);
    }

    [Fact]
    public void ZPS002UnknownDType()
    {
        string schema = Era5Schema.V2
            .Replace("\"dtype\": \"<f4\"", "\"dtype\": \"|O\"")
            .Replace("\"dtype\": \"<i4\"", "\"dtype\": [[\"a\", \"<i4\"], [\"b\", \"<f8\"]]");
        var r = Run("""[XSchema("era5.zmetadata")]""", "Era5", ("/project/era5.zmetadata", schema));
        Assert.Equal(["ZPS002", "ZPS002"], r.Diagnostics.Select(d => d.Id));
        Assert.Equal("Variable 'z' in schema 'era5.zmetadata' has the element type |O, which ZarrPS cannot read; leave the variable out (describe the store with an .xschema.json) or store it as another type", r.Diagnostics[0].GetMessage());
        Assert.Contains("Variable 'level' in schema 'era5.zmetadata' has the element type a structured type", r.Diagnostics[1].GetMessage());
        Assert.Empty(r.Sources);

        var x = Run("""[XSchema("s.xschema.json")]""", "S", ("/project/s.xschema.json", """{ "variables": { "v": { "dims": ["x"], "dtype": "float128" } } }"""));
        Assert.Contains("has the element type float128", Only(x, "ZPS002").GetMessage());
    }

    [Fact]
    public void ZPS003InvalidName()
    {
        const string schema = """{ "variables": { "2t": { "dims": ["time"], "dtype": "float32" }, "u": { "dims": ["time"], "dtype": "float32" } } }""";
        var r = Run("""[XSchema("s.xschema.json")]""", "S", ("/project/s.xschema.json", schema));
        var d = Only(r, "ZPS003");
        Assert.Equal("Variable '2t' would become the C# member '2t', which is not a valid identifier; name it in [XSchema]: Names = [\"2t=SomeName\"]", d.GetMessage());
        Assert.Empty(r.Sources);

        // A name given explicitly is checked too (a keyword is not a member name), and a good one fixes it.
        var k = Run("""[XSchema("s.xschema.json", Names = ["2t=Temperature2m", "u=class"])]""", "S", ("/project/s.xschema.json", schema));
        Assert.Equal("Variable 'u' would become the C# member 'class', which is not a valid identifier; name it in [XSchema]: Names = [\"u=SomeName\"]", Only(k, "ZPS003").GetMessage());
        var ok = Run("""[XSchema("s.xschema.json", Names = ["2t=Temperature2m"])]""", "S", ("/project/s.xschema.json", schema));
        Assert.Empty(ok.Diagnostics);
        Assert.Empty(ok.CompileProblems);
    }

    [Fact]
    public void ZPS004DuplicateName()
    {
        const string schema = """{ "variables": { "u_wind": { "dims": ["t"], "dtype": "float32" }, "uWind": { "dims": ["t"], "dtype": "float32" } } }""";
        var r = Run("""[XSchema("s.xschema.json")]""", "S", ("/project/s.xschema.json", schema));
        Assert.Equal("Variable 'uWind' would become the C# member 'UWind', which variable 'u_wind' already is; name one of them in [XSchema]: Names = [\"uWind=SomeName\"]", Only(r, "ZPS004").GetMessage());
        Assert.Empty(r.Sources);

        // Names the wrapper uses itself, and the class's own name, are taken too.
        const string reserved = """{ "variables": { "open": { "dims": ["t"], "dtype": "float32" }, "s": { "dims": ["t"], "dtype": "float32" } } }""";
        var m = Run("""[XSchema("s.xschema.json")]""", "S", ("/project/s.xschema.json", reserved));
        Assert.Equal(["ZPS004", "ZPS004"], m.Diagnostics.Select(d => d.Id));
        Assert.Contains("which the wrapper's member 'Open' already is", m.Diagnostics[0].GetMessage());
        Assert.Contains("which the class name already is", m.Diagnostics[1].GetMessage());
    }

    [Fact]
    public void ZPS005MalformedSchema()
    {
        var json = Run("""[XSchema("s.zmetadata")]""", "S", ("/project/s.zmetadata", "{ \"metadata\": { \"a/.zarray\": { \"dtype\": \"<f4\", } }"));
        Assert.StartsWith("The schema file 's.zmetadata' cannot be read: it is not JSON: expected a member name in quotes at line 1", Only(json, "ZPS005").GetMessage());

        var v3 = Run("""[XSchema("zarr.json")]""", "S", ("/project/zarr.json", """{ "zarr_format": 3, "node_type": "group", "attributes": {} }"""));
        Assert.Equal("The schema file 'zarr.json' cannot be read: this zarr.json has no consolidated_metadata (consolidate the store, or write an .xschema.json)", Only(v3, "ZPS005").GetMessage());

        var dims = Run("""[XSchema("s.zmetadata")]""", "S", ("/project/s.zmetadata", """{ "metadata": { "a/.zarray": { "dtype": "<f4", "shape": [3] }, "a/.zattrs": {} } }"""));
        Assert.Contains("array 'a' has no _ARRAY_DIMENSIONS attribute", Only(dims, "ZPS005").GetMessage());

        var other = Run("""[XSchema("s.json")]""", "S", ("/project/s.json", "[1, 2]"));
        Assert.Contains("the document is not a JSON object", Only(other, "ZPS005").GetMessage());
        Assert.Empty(other.Sources);
    }

    [Fact]
    public void ZPS006NotAPartialClass()
    {
        var r = GeneratorHarness.Run(new XSchemaGenerator(), """
            using ZarrPS.Engine.Model.Typed;
            [XSchema("era5.zmetadata")]
            public class Era5 { }
            public partial class Outer
            {
                [XSchema("era5.zmetadata")]
                public partial class Inner;
            }
            """, ("/project/era5.zmetadata", Era5Schema.V2));
        Assert.Equal(["ZPS006", "ZPS006"], r.Diagnostics.Select(d => d.Id).ToArray());
        Assert.Equal("'Era5' has [XSchema] but is not a top-level, non-generic partial class", r.Diagnostics[0].GetMessage());
        Assert.Equal("'Inner' has [XSchema] but is not a top-level, non-generic partial class", r.Diagnostics[1].GetMessage());
        Assert.Empty(r.Sources);
    }

    [Fact]
    public void ZPS007UnusedNameMapping()
    {
        var r = Run("""[XSchema("era5.zmetadata", Names = ["t2m=Temperature2m", "sp=SurfacePressure", "nonsense"])]""", "Era5", ("/project/era5.zmetadata", Era5Schema.V2));
        Assert.Equal(["ZPS007", "ZPS007"], r.Diagnostics.Select(d => d.Id));
        Assert.All(r.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal("The Names entry 'sp=SurfacePressure' of [XSchema] on 'Era5' is not used: the schema has no variable 'sp'", r.Diagnostics[0].GetMessage());
        Assert.Equal("The Names entry 'nonsense' of [XSchema] on 'Era5' is not used: it is not 'variable=CSharpName'", r.Diagnostics[1].GetMessage());
        // A warning: the wrapper is still written, with the mappings that apply.
        Assert.Contains("public Temperature2mArray Temperature2m", r.Source);
    }
}
