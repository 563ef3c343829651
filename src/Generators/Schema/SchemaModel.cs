namespace ZarrPS.Generators.Schema;

/// <summary>One variable of a schema, as the opened Dataset will hold it.</summary>
/// <param name="Name">The name in the store.</param>
/// <param name="Dims">Dimension names, in order (after CF decoding: a char array loses its last dimension).</param>
/// <param name="DType">The decoded element type (DTypes.Canonical form).</param>
/// <param name="IsCoordinate">True for coordinates: 1-D variables named after their dimension, and names listed in 'coordinates'.</param>
/// <param name="CSharpName">The C# name the schema itself gives (.xschema.json "name"), or null.</param>
/// <param name="Description">long_name and units, for the doc comment; may be empty.</param>
internal sealed record SchemaVariable(string Name, EquatableArray<string> Dims, string DType, bool IsCoordinate, string? CSharpName, string Description);

/// <summary>A variable whose stored element type ZarrPS cannot read.</summary>
internal sealed record UnknownDType(string Variable, string DType);

/// <summary>A schema file read: its variables in order, or why it could not be read.</summary>
internal sealed record SchemaDocument(EquatableArray<SchemaVariable> Variables, EquatableArray<UnknownDType> Unknown, string? Error)
{
    public static SchemaDocument Failed(string why) => new(EquatableArray<SchemaVariable>.Empty, EquatableArray<UnknownDType>.Empty, why);
}
