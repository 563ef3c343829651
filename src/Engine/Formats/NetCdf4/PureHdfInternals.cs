using System.Collections;
using System.Reflection;
using PureHDF;
using PureHDF.VOL.Native;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>
/// What PureHDF 2.2.0 decodes but does not make public: the byte order of a datatype (PureHDF refuses to convert
/// big-endian data, so the reader reads raw bytes and swaps them itself), an attribute's raw bytes, an object's
/// header address (what HDF5 object references point at), the filter pipeline, and the creation order of links and
/// attributes (netCDF-C lists variables and attributes in creation order; PureHDF in storage order).
/// All of it is reached by reflection on members checked once; when a PureHDF upgrade renames them, opening a file
/// fails with a message saying so instead of reading wrong bytes.
/// </summary>
internal static class PureHdfInternals
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly PropertyInfo? ObjectReference = typeof(NativeObject).GetProperty("Reference", Instance);
    private static readonly PropertyInfo? ObjectHeader = typeof(NativeObject).GetProperty("Header", Instance);
    private static readonly PropertyInfo? DatasetDataType = typeof(NativeDataset).GetProperty("InternalDataType", Instance);
    private static readonly PropertyInfo? DatasetFilterPipeline = typeof(NativeDataset).GetProperty("InternalFilterPipeline", Instance);
    private static readonly PropertyInfo? AttributeMessage = typeof(NativeAttribute).GetProperty("Message", Instance);
    private static readonly MethodInfo? DenseLinks = typeof(NativeGroup).GetMethod("EnumerateLinkMessagesFromLinkInfoMessage", Instance);

    /// <summary>Null when every member this class needs exists; otherwise the name of the first missing one.</summary>
    private static readonly string? Missing = FindMissing();

    private static string? FindMissing()
    {
        if (ObjectReference is null) return "NativeObject.Reference";
        if (ObjectHeader is null) return "NativeObject.Header";
        if (DatasetDataType is null) return "NativeDataset.InternalDataType";
        if (DatasetFilterPipeline is null) return "NativeDataset.InternalFilterPipeline";
        if (AttributeMessage is null) return "NativeAttribute.Message";
        if (AttributeMessage.PropertyType.GetProperty("InputData", Instance) is null) return "AttributeMessage.InputData";
        if (AttributeMessage.PropertyType.GetProperty("Datatype", Instance) is null) return "AttributeMessage.Datatype";
        if (DatasetDataType.PropertyType.GetProperty("BitField", Instance) is null) return "DatatypeMessage.BitField";
        return null;
    }

    /// <summary>Throws when this PureHDF build lacks the members the reader depends on.</summary>
    public static void EnsureAvailable(string location)
    {
        if (Missing is not null)
            throw new ZarrPSException(ErrorKind.NotImplemented, "PureHdfIncompatible",
                $"Cannot read NetCDF-4 file '{location}': the loaded PureHDF library lacks '{Missing}', which this reader (built against PureHDF 2.2.0) needs to learn byte orders and object addresses.",
                location);
    }

    /// <summary>The object header address of a group or dataset: what an HDF5 object reference holds.</summary>
    public static ulong Address(IH5Object obj)
    {
        object reference = ObjectReference!.GetValue(obj)!;
        return (ulong)reference.GetType().GetProperty("Value", Instance)!.GetValue(reference)!;
    }

    /// <summary>True when the dataset's element type is stored big-endian.</summary>
    public static bool IsBigEndian(NativeDataset dataset) => IsBigEndianType(DatasetDataType!.GetValue(dataset));

    /// <summary>True when the attribute's element type is stored big-endian.</summary>
    public static bool IsBigEndian(IH5Attribute attribute)
    {
        object message = AttributeMessage!.GetValue(attribute)!;
        return IsBigEndianType(message.GetType().GetProperty("Datatype", Instance)!.GetValue(message));
    }

    /// <summary>The attribute's stored bytes (element count times element size, in the stored byte order).</summary>
    public static ReadOnlyMemory<byte> RawData(IH5Attribute attribute)
    {
        object message = AttributeMessage!.GetValue(attribute)!;
        return (Memory<byte>)message.GetType().GetProperty("InputData", Instance)!.GetValue(message)!;
    }

    /// <summary>True for a variable-length string type (as opposed to a variable-length sequence).</summary>
    public static bool IsVariableLengthString(NativeDataset dataset) => IsVariableLengthStringType(DatasetDataType!.GetValue(dataset));

    /// <summary>True for an attribute of variable-length strings (as opposed to variable-length sequences).</summary>
    public static bool IsVariableLengthString(IH5Attribute attribute)
    {
        object message = AttributeMessage!.GetValue(attribute)!;
        return IsVariableLengthStringType(message.GetType().GetProperty("Datatype", Instance)!.GetValue(message));
    }

    private static bool IsVariableLengthStringType(object? type)
    {
        object? bitField = type?.GetType().GetProperty("BitField", Instance)?.GetValue(type);
        object? kind = bitField?.GetType().GetProperty("Type", Instance)?.GetValue(bitField);
        return kind?.ToString() == "String";
    }

    /// <summary>The dataset's filters as (id, name) pairs, first applied first; empty when it has none.</summary>
    public static IReadOnlyList<(int Id, string Name)> Filters(NativeDataset dataset)
    {
        object? pipeline = DatasetFilterPipeline!.GetValue(dataset);
        if (pipeline?.GetType().GetProperty("FilterDescriptions", Instance)?.GetValue(pipeline) is not Array descriptions)
            return [];
        var filters = new List<(int, string)>(descriptions.Length);
        foreach (object? d in descriptions)
        {
            if (d is null) continue;
            var t = d.GetType();
            int id = Convert.ToInt32(t.GetProperty("Identifier", Instance)?.GetValue(d) ?? -1);
            string? name = t.GetProperty("Name", Instance)?.GetValue(d) as string;
            filters.Add((id, string.IsNullOrEmpty(name) ? KnownFilterName(id) : name));
        }
        return filters;
    }

    /// <summary>The registered names of HDF5's filter ids, for files that do not store a name.</summary>
    public static string KnownFilterName(int id) => id switch
    {
        1 => "deflate",
        2 => "shuffle",
        3 => "fletcher32",
        4 => "szip",
        5 => "nbit",
        6 => "scaleoffset",
        307 => "bzip2",
        32000 => "lzf",
        32001 => "blosc",
        32004 => "lz4",
        32008 => "bitshuffle",
        32015 => "zstd",
        32026 => "blosc2",
        _ => "filter " + id,
    };

    /// <summary>
    /// The creation order of each link (child) of a group that tracks it; an empty map when the group does not
    /// (old-style groups, which HDF5 and netCDF-C list by name) or PureHDF cannot tell.
    /// </summary>
    public static Dictionary<string, ulong> LinkCreationOrder(NativeGroup group)
    {
        var order = new Dictionary<string, ulong>(StringComparer.Ordinal);
        try
        {
            object? linkInfo = null;
            foreach (object message in HeaderMessages(group))
            {
                object? data = message.GetType().GetProperty("Data", Instance)?.GetValue(message);
                if (data is null) continue;
                switch (data.GetType().Name)
                {
                    case "LinkMessage":
                        AddLink(order, data);
                        break;
                    case "LinkInfoMessage":
                        linkInfo = data;
                        break;
                }
            }
            if (order.Count == 0 && linkInfo is not null && DenseLinks is not null
                && linkInfo.GetType().GetProperty("BTree2NameIndexAddress", Instance)?.GetValue(linkInfo) is ulong btree
                && btree != ulong.MaxValue && DenseLinks.Invoke(group, [linkInfo]) is IEnumerable links)
            {
                foreach (object? link in links)
                    if (link is not null) AddLink(order, link);
            }
        }
        catch (Exception)
        {
            // Order is cosmetic: fall back to PureHDF's own order rather than fail the open.
            order.Clear();
        }
        return order;
    }

    /// <summary>
    /// The creation order of each attribute, aligned with the order <see cref="IH5Object.Attributes"/> yields them
    /// (those in the object header first, then those in dense storage); -1 where the file does not record it.
    /// </summary>
    public static long[] AttributeCreationOrder(IH5Object obj, int count)
    {
        var order = new List<long>(count);
        try
        {
            object? info = null;
            foreach (object message in HeaderMessages(obj))
            {
                var t = message.GetType();
                object? data = t.GetProperty("Data", Instance)?.GetValue(message);
                switch (data?.GetType().Name)
                {
                    case "AttributeMessage":
                        order.Add(t.GetProperty("WithCreationOrder", Instance)?.GetValue(message) is true
                            && t.GetProperty("CreationOrder", Instance)?.GetValue(message) is ushort creation ? creation : -1);
                        break;
                    case "AttributeInfoMessage":
                        info = data;
                        break;
                }
            }
            if (info is not null
                && info.GetType().GetProperty("BTree2NameIndexAddress", Instance)?.GetValue(info) is ulong address && address != ulong.MaxValue
                && info.GetType().GetProperty("BTree2NameIndex", Instance)?.GetValue(info) is { } index
                && index.GetType().GetMethod("EnumerateRecords", Instance, Type.EmptyTypes)?.Invoke(index, null) is IEnumerable records)
            {
                // PureHDF yields densely stored attributes in the order of these name-index records, which carry the creation order.
                foreach (object? record in records)
                    order.Add(record?.GetType().GetProperty("CreationOrder", Instance)?.GetValue(record) is uint creation ? creation : -1);
            }
        }
        catch (Exception)
        {
            // Order is cosmetic: keep PureHDF's own order rather than fail the open.
            order.Clear();
        }
        if (order.Count != count) return [];
        return order.ToArray();
    }

    private static IEnumerable HeaderMessages(IH5Object obj)
    {
        object? header = ObjectHeader!.GetValue(obj);
        return header?.GetType().GetProperty("HeaderMessages", Instance)?.GetValue(header) as IEnumerable ?? Array.Empty<object>();
    }

    private static void AddLink(Dictionary<string, ulong> order, object link)
    {
        var t = link.GetType();
        object? flags = t.GetProperty("Flags", Instance)?.GetValue(link);
        // Bit 2 of the link flags says the creation order field is present.
        if (flags is null || (Convert.ToInt32(flags) & 0x04) == 0) return;
        if (t.GetProperty("LinkName", Instance)?.GetValue(link) is string name && t.GetProperty("CreationOrder", Instance)?.GetValue(link) is ulong creation)
            order[name] = creation;
    }

    private static bool IsBigEndianType(object? datatype)
    {
        object? bitField = datatype?.GetType().GetProperty("BitField", Instance)?.GetValue(datatype);
        object? order = bitField?.GetType().GetProperty("ByteOrder", Instance)?.GetValue(bitField);
        // Types without a byte order (strings, references) are byte streams.
        return order is not null && Convert.ToInt32(order) == 1;
    }
}
