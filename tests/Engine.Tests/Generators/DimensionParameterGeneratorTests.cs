using Microsoft.CodeAnalysis;
using ZarrPS.Generators.Dimensions;

namespace ZarrPS.Engine.Tests.Generators;

/// <summary>The dimension-table generator through CSharpGeneratorDriver, on a cmdlet shaped like Select-XData.</summary>
public class DimensionParameterGeneratorTests
{
    // A cmdlet with -Sel as src/Module has it, beside the module's own attribute (read from its source file).
    private static readonly string Prelude = """
        using System;
        using System.Collections;
        using System.Management.Automation;

        namespace ZarrPS.Module;

        public partial class SelectCommand : PSCmdlet
        {
            [Parameter] public IDictionary? Sel { get; set; }
            [Parameter] [Alias("tol")] public object? Tolerance { get; set; }
            public IDictionary? Labels(ZarrPS.Engine.Model.Dataset ds) => LabelsFor(Sel, ds);
        }

        """;

    private static readonly string Attribute = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Module", "DimensionParameterAttribute.cs"))
        .Replace("namespace ZarrPS.Module;", "");

    private static GeneratorHarness.Result Run(string table) =>
        GeneratorHarness.Run(new DimensionParameterGenerator(), Prelude + Attribute + table + "\npublic partial class SelectCommand;\n");

    [Fact]
    public void OneLineADimensionGivesAParameterWithAliases()
    {
        var r = Run("""
            [DimensionParameter("Latitude", "latitude", "lat", "y", StandardName = "latitude", Units = "degrees_north")]
            [DimensionParameter("Time", "time", "t", "TIME", "valid_time")]
            """);
        Assert.Empty(r.Diagnostics);
        Assert.Empty(r.CompileProblems);
        var type = r.Type("ZarrPS.Module.SelectCommand");
        var latitude = Assert.Single(type.GetMembers("Latitude").OfType<IPropertySymbol>());
        Assert.Equal(SpecialType.System_Object, latitude.Type.SpecialType);
        Assert.Equal(NullableAnnotation.Annotated, latitude.NullableAnnotation);
        var attributes = latitude.GetAttributes();
        Assert.Contains(attributes, a => a.AttributeClass!.Name == "ParameterAttribute");
        var alias = Assert.Single(attributes, a => a.AttributeClass!.Name == "AliasAttribute");
        Assert.Equal(["lat", "y"], alias.ConstructorArguments[0].Values.Select(v => (string)v.Value!));
        // 'TIME' is 'time' to PowerShell: one alias per spelling, and none that repeats the parameter's own name.
        var time = Assert.Single(type.GetMembers("Time").OfType<IPropertySymbol>());
        Assert.Equal(["t", "valid_time"], Assert.Single(time.GetAttributes(), a => a.AttributeClass!.Name == "AliasAttribute").ConstructorArguments[0].Values.Select(v => (string)v.Value!));
        Assert.Contains("""new("Latitude", new string[] { "latitude", "lat", "y" }, "latitude", null, "degrees_north"),""", r.Source);
        Assert.Contains("""new("Time", new string[] { "time", "t", "TIME", "valid_time" }, null, null, null),""", r.Source);
        Assert.Contains("whichever of 'latitude', 'lat', 'y' the input has, or the dimension whose coordinate has standard_name 'latitude' or units 'degrees_north'", r.Source);
    }

    [Fact]
    public void ZPS008AliasUsedTwiceOrTakenByAnotherParameter()
    {
        var r = Run("""
            [DimensionParameter("Latitude", "latitude", "lat", "y")]
            [DimensionParameter("Level", "level", "LAT")]
            [DimensionParameter("Tol", "tol")]
            [DimensionParameter("Sel", "selection")]
            [DimensionParameter("Depth", "depth", "ev")]
            """);
        Assert.Equal(["ZPS008", "ZPS008", "ZPS008", "ZPS008"], r.Diagnostics.Select(d => d.Id));
        Assert.Equal("'LAT' of dimension parameter -Level is already an alias of -Latitude; each parameter name and alias may stand once", r.Diagnostics[0].GetMessage());
        Assert.Equal("'Tol' of dimension parameter -Tol is already a parameter of SelectCommand; each parameter name and alias may stand once", r.Diagnostics[1].GetMessage());
        Assert.Equal("'Sel' of dimension parameter -Sel is already a parameter of SelectCommand; each parameter name and alias may stand once", r.Diagnostics[2].GetMessage());
        Assert.Equal("'ev' of dimension parameter -Depth is already a parameter of SelectCommand; each parameter name and alias may stand once", r.Diagnostics[3].GetMessage());
        Assert.All(r.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Empty(r.Sources);
    }

    [Fact]
    public void ZPS009InvalidDimensionParameter()
    {
        var r = Run("""
            [DimensionParameter("2nd", "second")]
            [DimensionParameter("Member")]
            """);
        Assert.Equal(["ZPS009", "ZPS009"], r.Diagnostics.Select(d => d.Id));
        Assert.Equal("Dimension parameter '2nd' on 'SelectCommand': the name is not a C# identifier", r.Diagnostics[0].GetMessage());
        Assert.Equal("Dimension parameter 'Member' on 'SelectCommand': give the dimension names it stands for, most preferred first, none empty", r.Diagnostics[1].GetMessage());
        // Reported on the table line at fault.
        var at = r.Diagnostics[1].Location;
        var source = r.Output.SyntaxTrees.Single(t => t.FilePath == at.GetLineSpan().Path).GetText(TestContext.Current.CancellationToken);
        Assert.Equal("[DimensionParameter(\"Member\")]", source.Lines[at.GetLineSpan().StartLinePosition.Line].ToString().Trim());
        Assert.Empty(r.Sources);
    }
}
