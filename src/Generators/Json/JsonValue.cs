using System.Collections.Generic;
using System.Globalization;

namespace ZarrPS.Generators.Json;

/// <summary>The kinds of JSON value.</summary>
internal enum JsonKind
{
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// A parsed JSON value. Generators run on netstandard2.0 inside the compiler, where System.Text.Json is not
/// guaranteed to load, so schema files are read with this small tree instead.
/// </summary>
internal sealed class JsonValue
{
    private JsonValue(JsonKind kind, string? text, double number, bool flag, List<JsonValue>? items, List<KeyValuePair<string, JsonValue>>? members)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Flag = flag;
        Items = items;
        Members = members;
    }

    public static readonly JsonValue Null = new(JsonKind.Null, null, 0, false, null, null);

    public JsonKind Kind { get; }

    /// <summary>The string value (strings), or the number as written (numbers).</summary>
    public string? Text { get; }

    public double Number { get; }

    public bool Flag { get; }

    public List<JsonValue>? Items { get; }

    /// <summary>Object members in document order.</summary>
    public List<KeyValuePair<string, JsonValue>>? Members { get; }

    public static JsonValue String(string s) => new(JsonKind.String, s, 0, false, null, null);

    public static JsonValue FromNumber(double d, string text) => new(JsonKind.Number, text, d, false, null, null);

    public static JsonValue FromBool(bool b) => new(JsonKind.Bool, null, 0, b, null, null);

    public static JsonValue Array(List<JsonValue> items) => new(JsonKind.Array, null, 0, false, items, null);

    public static JsonValue Object(List<KeyValuePair<string, JsonValue>> members) => new(JsonKind.Object, null, 0, false, null, members);

    /// <summary>A member of an object (the last one of that name, as JSON readers usually take), or null.</summary>
    public JsonValue? this[string name]
    {
        get
        {
            if (Members is null) return null;
            for (int i = Members.Count - 1; i >= 0; i--)
                if (Members[i].Key == name) return Members[i].Value;
            return null;
        }
    }

    public string? AsString => Kind == JsonKind.String ? Text : null;

    /// <summary>Strings of an array of strings; null when this is not one.</summary>
    public List<string>? AsStrings()
    {
        if (Items is null) return null;
        var result = new List<string>(Items.Count);
        foreach (var item in Items)
        {
            if (item.Kind != JsonKind.String) return null;
            result.Add(item.Text!);
        }
        return result;
    }

    /// <summary>Whole numbers of an array; null when this is not one.</summary>
    public List<long>? AsIntegers()
    {
        if (Items is null) return null;
        var result = new List<long>(Items.Count);
        foreach (var item in Items)
        {
            if (item.Kind != JsonKind.Number || item.Number != System.Math.Floor(item.Number)) return null;
            result.Add((long)item.Number);
        }
        return result;
    }

    public override string ToString() => Kind switch
    {
        JsonKind.Null => "null",
        JsonKind.Bool => Flag ? "true" : "false",
        JsonKind.Number => Text ?? Number.ToString("R", CultureInfo.InvariantCulture),
        JsonKind.String => "\"" + Text + "\"",
        JsonKind.Array => "[…]",
        _ => "{…}",
    };
}
