using System.Runtime.InteropServices;
using ZarrPS.Engine.Arrays;
using ZarrPS.Engine.Cf;

namespace ZarrPS.Engine.Model.Cf;

/// <summary>CF times decoded lazily: raw numbers to datetime64[ns], or to calendar dates, chunk by chunk.</summary>
public sealed class TimeDecodedArray : CfArray
{
    private readonly CfTimeDecoder _decoder;
    private readonly CfTimeRepresentation _representation;

    /// <summary>Decodes <paramref name="raw"/> with <paramref name="decoder"/> into one representation chosen for the whole variable.</summary>
    public TimeDecodedArray(ILazyArray raw, CfTimeDecoder decoder, CfTimeRepresentation representation)
        : base(raw, representation == CfTimeRepresentation.Datetime64 ? DataType.DateTime64("ns") : DataType.CalendarDate(CfCalendars.Name(decoder.Calendar)), "decode times")
    {
        _decoder = decoder;
        _representation = representation;
    }

    private ILazyArray Raw => Source;

    /// <inheritdoc />
    public override void ReadRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> count, Span<byte> destination)
    {
        long n = StridedCopy.Product(count);
        using var buf = PooledBuffer.Rent(checked((int)(n * Raw.DType.ItemSize)));
        Raw.ReadRegion(start, count, buf.Span);
        var dst = MemoryMarshal.Cast<byte, long>(destination);
        try
        {
            switch (Raw.DType.Kind)
            {
                case ScalarKind.Int8: _decoder.DecodeTo(MemoryMarshal.Cast<byte, sbyte>(buf.Span), dst, _representation); break;
                case ScalarKind.UInt8: _decoder.DecodeTo<byte>(buf.Span, dst, _representation); break;
                case ScalarKind.Int16: _decoder.DecodeTo(MemoryMarshal.Cast<byte, short>(buf.Span), dst, _representation); break;
                case ScalarKind.UInt16: _decoder.DecodeTo(MemoryMarshal.Cast<byte, ushort>(buf.Span), dst, _representation); break;
                case ScalarKind.Int32: _decoder.DecodeTo(MemoryMarshal.Cast<byte, int>(buf.Span), dst, _representation); break;
                case ScalarKind.UInt32: _decoder.DecodeTo(MemoryMarshal.Cast<byte, uint>(buf.Span), dst, _representation); break;
                case ScalarKind.Int64: _decoder.DecodeTo(MemoryMarshal.Cast<byte, long>(buf.Span), dst, _representation); break;
                case ScalarKind.UInt64: _decoder.DecodeTo(MemoryMarshal.Cast<byte, ulong>(buf.Span), dst, _representation); break;
                case ScalarKind.Float32: _decoder.DecodeTo(MemoryMarshal.Cast<byte, float>(buf.Span), dst, _representation); break;
                case ScalarKind.Float64: _decoder.DecodeTo(MemoryMarshal.Cast<byte, double>(buf.Span), dst, _representation); break;
                default: throw new ZarrPSException(ErrorKind.InvalidData, "CfDecodeFailed", $"{Description}: {Raw.DType.Name} values cannot be times.");
            }
        }
        catch (ZarrPSException e)
        {
            throw e.WithContext($"{Description}: ");
        }
    }
}
