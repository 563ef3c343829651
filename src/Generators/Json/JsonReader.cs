using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ZarrPS.Generators.Json;

/// <summary>
/// Reads RFC 8259 JSON, plus the bare NaN, Infinity and -Infinity that Python's json module writes into Zarr
/// attributes by default.
/// </summary>
internal sealed class JsonReader
{
    private readonly string _text;
    private int _pos;

    private JsonReader(string text) => _text = text;

    /// <summary>Parses a whole document; <see cref="FormatException"/> with the line and column of the first error.</summary>
    public static JsonValue Parse(string text)
    {
        var reader = new JsonReader(text);
        reader.SkipSpace();
        var value = reader.ReadValue(0);
        reader.SkipSpace();
        if (reader._pos < text.Length) throw reader.Error("unexpected text after the JSON value");
        return value;
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > 256) throw Error("nesting is too deep");
        if (_pos >= _text.Length) throw Error("unexpected end of the document");
        char c = _text[_pos];
        switch (c)
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return JsonValue.String(ReadString());
            case 't': Expect("true"); return JsonValue.FromBool(true);
            case 'f': Expect("false"); return JsonValue.FromBool(false);
            case 'n': Expect("null"); return JsonValue.Null;
            case 'N': Expect("NaN"); return JsonValue.FromNumber(double.NaN, "NaN");
            case 'I': Expect("Infinity"); return JsonValue.FromNumber(double.PositiveInfinity, "Infinity");
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                throw Error($"unexpected character '{c}'");
        }
    }

    private JsonValue ReadObject(int depth)
    {
        _pos++;
        var members = new List<KeyValuePair<string, JsonValue>>();
        SkipSpace();
        if (Peek() == '}') { _pos++; return JsonValue.Object(members); }
        while (true)
        {
            SkipSpace();
            if (Peek() != '"') throw Error("expected a member name in quotes");
            string name = ReadString();
            SkipSpace();
            if (Peek() != ':') throw Error("expected ':' after a member name");
            _pos++;
            SkipSpace();
            members.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(depth + 1)));
            SkipSpace();
            char c = Peek();
            _pos++;
            if (c == '}') return JsonValue.Object(members);
            if (c != ',') { _pos--; throw Error("expected ',' or '}' in an object"); }
        }
    }

    private JsonValue ReadArray(int depth)
    {
        _pos++;
        var items = new List<JsonValue>();
        SkipSpace();
        if (Peek() == ']') { _pos++; return JsonValue.Array(items); }
        while (true)
        {
            SkipSpace();
            items.Add(ReadValue(depth + 1));
            SkipSpace();
            char c = Peek();
            _pos++;
            if (c == ']') return JsonValue.Array(items);
            if (c != ',') { _pos--; throw Error("expected ',' or ']' in an array"); }
        }
    }

    private string ReadString()
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("unterminated string");
            char c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c < ' ') { _pos--; throw Error("control character in a string"); }
            if (c != '\\') { sb.Append(c); continue; }
            if (_pos >= _text.Length) throw Error("unterminated escape");
            char e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length ||
                        !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        throw Error("\\u needs four hex digits");
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    _pos--;
                    throw Error($"unknown escape '\\{e}'");
            }
        }
    }

    private JsonValue ReadNumber()
    {
        int start = _pos;
        if (Peek() == '-')
        {
            _pos++;
            if (Peek() == 'I') { Expect("Infinity"); return JsonValue.FromNumber(double.NegativeInfinity, "-Infinity"); }
        }
        while (_pos < _text.Length && "0123456789+-.eE".IndexOf(_text[_pos]) >= 0) _pos++;
        string s = _text.Substring(start, _pos - start);
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            _pos = start;
            throw Error($"'{s}' is not a number");
        }
        return JsonValue.FromNumber(d, s);
    }

    private void Expect(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) throw Error($"expected '{word}'");
        _pos += word.Length;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private FormatException Error(string why)
    {
        int line = 1, column = 1;
        for (int i = 0; i < _pos && i < _text.Length; i++)
        {
            if (_text[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return new FormatException($"{why} at line {line}, column {column}");
    }
}
