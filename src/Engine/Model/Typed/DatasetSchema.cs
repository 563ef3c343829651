namespace ZarrPS.Engine.Model.Typed;

/// <summary>Checks an opened Dataset against the schema a typed wrapper was generated from.</summary>
public static class DatasetSchema
{
    /// <summary>
    /// Throws InvalidData "SchemaMismatch" naming every variable that is missing or whose dimensions or element
    /// type differ from <paramref name="schema"/>. Variables the schema does not name are allowed.
    /// </summary>
    public static void Verify(Dataset dataset, string typeName, string schemaFile, IReadOnlyList<SchemaVariable> schema)
    {
        var problems = new List<string>();
        foreach (var expected in schema)
        {
            if (!dataset.Variables.TryGetValue(expected.Name, out var actual))
            {
                problems.Add($"variable '{expected.Name}' is missing");
                continue;
            }
            if (!actual.Dims.SequenceEqual(expected.Dims, StringComparer.Ordinal))
                problems.Add($"variable '{expected.Name}' has dimensions ({string.Join(", ", actual.Dims)}), the schema says ({string.Join(", ", expected.Dims)})");
            if (!Matches(actual.DType, expected.DType))
                problems.Add($"variable '{expected.Name}' is {actual.DType.Name}, the schema says {expected.DType}");
        }
        if (problems.Count == 0) return;
        string source = dataset.Encoding.TryGetValue("source", out var s) && s is string text ? text : "the dataset";
        throw new ZarrPSException(ErrorKind.InvalidData, "SchemaMismatch",
            $"'{source}' does not match {typeName} (schema '{schemaFile}'): {string.Join("; ", problems)}.", source);
    }

    /// <summary>True when <paramref name="actual"/> is the element type a schema names.</summary>
    public static bool Matches(DataType actual, string expected) => expected switch
    {
        "cftime" => actual.Kind == ScalarKind.CalendarDate,
        "|S" => actual.Kind == ScalarKind.FixedBytes,
        "<U" => actual.Kind == ScalarKind.FixedUnicode,
        _ => string.Equals(actual.Name, expected, StringComparison.Ordinal),
    };

    /// <summary>
    /// The .NET type of one element as a typed wrapper sees it (what <see cref="Variable.Values"/> holds): DateTime
    /// for datetime64, CfDate for calendar dates, string for fixed strings, else the stored type.
    /// </summary>
    public static Type ElementType(DataType type) => type.Kind switch
    {
        ScalarKind.DateTime64 => typeof(DateTime),
        ScalarKind.CalendarDate => typeof(global::ZarrPS.Engine.Cf.CfDate),
        ScalarKind.FixedBytes or ScalarKind.FixedUnicode => typeof(string),
        _ => type.ClrType,
    };
}
