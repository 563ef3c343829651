namespace ZarrPS.Engine.Codecs.Filters;

/// <summary>A loop over a chunk's elements, from one typed buffer to another (both C order, machine byte order).</summary>
internal delegate void ElementKernel(ReadOnlySpan<byte> input, Span<byte> output);
