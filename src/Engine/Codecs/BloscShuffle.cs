namespace ZarrPS.Engine.Codecs;

/// <summary>Blosc's pre-compression filter, with numcodecs' integer codes.</summary>
public enum BloscShuffle
{
    /// <summary>numcodecs' AUTOSHUFFLE (-1): bit-shuffle for one-byte items, byte-shuffle otherwise.</summary>
    Auto = -1,
    /// <summary>No shuffle (v3 "noshuffle").</summary>
    NoShuffle = 0,
    /// <summary>Byte shuffle (v3 "shuffle").</summary>
    Shuffle = 1,
    /// <summary>Bit shuffle (v3 "bitshuffle").</summary>
    BitShuffle = 2,
}
