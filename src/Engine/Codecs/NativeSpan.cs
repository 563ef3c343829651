using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZarrPS.Engine.Codecs;

/// <summary>Pointers for native calls that must never be null, even for empty spans.</summary>
internal static class NativeSpan
{
    private static readonly byte[] Dummy = GC.AllocateArray<byte>(16, pinned: true);

    /// <summary>A reference to the span's first byte, or to a pinned dummy when the span is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref byte Ref(ReadOnlySpan<byte> span) =>
        ref span.IsEmpty ? ref MemoryMarshal.GetArrayDataReference(Dummy) : ref MemoryMarshal.GetReference(span);

    /// <summary>A writable reference to the span's first byte, or to a pinned dummy when the span is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref byte Ref(Span<byte> span) =>
        ref span.IsEmpty ? ref MemoryMarshal.GetArrayDataReference(Dummy) : ref MemoryMarshal.GetReference(span);
}
