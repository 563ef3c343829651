namespace ZarrPS.Engine.Codecs;

/// <summary>Errors raised by codecs; the array layer adds the array name and chunk key.</summary>
public static class CodecErrors
{
    /// <summary>Data that a codec cannot decode.</summary>
    public static ZarrPSException Corrupt(string codec, string why) =>
        new(ErrorKind.InvalidData, "ChunkDecodeFailed", $"{codec}: {why}");

    /// <summary>A decoded chunk of the wrong size.</summary>
    public static ZarrPSException WrongSize(string codec, long expected, long actual) =>
        new(ErrorKind.InvalidData, "ChunkWrongSize", $"{codec}: decoded {actual} bytes, expected {expected}");

    /// <summary>A codec configuration that is invalid.</summary>
    public static ZarrPSException BadConfig(string codec, string why) =>
        new(ErrorKind.InvalidData, "InvalidCodecConfiguration", $"codec '{codec}': {why}");
}
