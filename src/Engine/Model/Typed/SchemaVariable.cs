namespace ZarrPS.Engine.Model.Typed;

/// <summary>
/// One variable a typed dataset expects: its name in the store, its dimensions in order, and the element type the
/// opened (CF-decoded) Dataset holds, as a numpy name ("float32", "datetime64[ns]"; "cftime" for dates of any CF
/// calendar, "|S" or "&lt;U" for strings of any length).
/// </summary>
/// <param name="Name">The variable's name in the store.</param>
/// <param name="Dims">Its dimension names, in order.</param>
/// <param name="DType">The decoded element type.</param>
public sealed record SchemaVariable(string Name, IReadOnlyList<string> Dims, string DType);
