using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;
using PureHDF;
using PureHDF.Filters;
using PureHDF.VOL.Native;

namespace ZarrPS.Engine.Formats.NetCdf4;

/// <summary>
/// A NetCDF-4 (HDF5) file opened for reading on PureHDF, with netCDF-4's data model laid over HDF5: datasets marked
/// as dimension scales are dimensions (those named "This is a netCDF dimension but not a netCDF variable" are
/// dimensions only), each variable's dimensions come from its DIMENSION_LIST references, datasets without them get
/// phony dimensions as netCDF-C names them, and netCDF-C's bookkeeping attributes are hidden.
/// Variables and dimensions of nested groups are listed with their group path ("group/var", "group/dim").
/// Reads are safe from many threads at once.
/// </summary>
public sealed class NetCdf4File : IDatasetSource
{
    private const string DimensionOnlyName = "This is a netCDF dimension but not a netCDF variable";
    private const string NonCoordinatePrefix = "_nc4_non_coord_";

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    private readonly Hdf5Handles _handles;
    private readonly Dictionary<string, NetCdf4Variable> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _skipped = new(StringComparer.Ordinal);

    static NetCdf4File()
    {
        // Same decoding as PureHDF's deflate and shuffle filters, with chunk buffers pooled during this reader's reads.
        H5Filter.Register(new PooledDeflateFilter());
        H5Filter.Register(new PooledShuffleFilter());
    }

    /// <summary>Opens the NetCDF-4 or HDF5 file at <paramref name="path"/> and reads its metadata.</summary>
    public NetCdf4File(string path) : this(path, Hdf5Concurrency.Shared)
    {
    }

    internal NetCdf4File(string path, Hdf5Concurrency concurrency)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Location = Path.GetFullPath(path);
        if (!File.Exists(Location))
            throw new ZarrPSException(ErrorKind.NotFound, "FileNotFound", $"NetCDF-4 file '{Location}' does not exist.", Location);
        long offset;
        try
        {
            offset = FindSignature(Location);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ZarrPSException(ErrorKind.ReadError, "Hdf5OpenFailed", $"Cannot read NetCDF-4 file '{Location}': {e.Message}", Location, e);
        }
        if (offset < 0)
            throw new ZarrPSException(ErrorKind.InvalidData, "NotAnHdf5File",
                $"'{Location}' is not a NetCDF-4/HDF5 file: no HDF5 signature at offset 0 or at any user-block offset (512, 1024, 2048, ...).", Location);
        PureHdfInternals.EnsureAvailable(Location);

        NativeFile file;
        try
        {
            file = OpenPureHdf(ref concurrency);
        }
        catch (Exception e) when (e is not ZarrPSException)
        {
            throw new ZarrPSException(e is IOException or UnauthorizedAccessException ? ErrorKind.ReadError : ErrorKind.InvalidData, "Hdf5OpenFailed",
                $"Cannot open NetCDF-4 file '{Location}': {e.Message}", Location, e);
        }
        _handles = new Hdf5Handles(Location, file, concurrency);
        try
        {
            var scan = new Scan(this);
            scan.Run(file);
            Dimensions = scan.Dimensions;
            Variables = scan.Variables;
            Attributes = scan.RootAttributes;
            GroupAttributes = scan.GroupAttributes;
        }
        catch (ZarrPSException)
        {
            _handles.Dispose();
            throw;
        }
        catch (Exception e)
        {
            _handles.Dispose();
            throw new ZarrPSException(ErrorKind.InvalidData, "Hdf5MetadataUnreadable", $"Cannot read the metadata of NetCDF-4 file '{Location}': {e.Message}", Location, e);
        }
    }

    /// <summary>True when <paramref name="firstBytes"/> (the start of a file) hold the HDF5 signature at offset 0 or at a user-block offset (512, 1024, ...) inside them.</summary>
    public static bool IsHdf5(ReadOnlySpan<byte> firstBytes)
    {
        if (firstBytes.StartsWith(Signature)) return true;
        for (long at = 512; at + Signature.Length <= firstBytes.Length; at *= 2)
            if (firstBytes.Slice((int)at, Signature.Length).SequenceEqual(Signature)) return true;
        return false;
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <inheritdoc />
    public IReadOnlyList<DimensionInfo> Dimensions { get; }

    /// <inheritdoc />
    public IReadOnlyList<IChunkedSource> Variables { get; }

    /// <inheritdoc />
    public OrderedDictionary<string, object?> Attributes { get; }

    /// <summary>The attributes of each nested group, by group path ("group", "group/sub").</summary>
    public IReadOnlyDictionary<string, OrderedDictionary<string, object?>> GroupAttributes { get; }

    /// <summary>Datasets left out of <see cref="Variables"/> because their HDF5 type has no engine equivalent, with the reason.</summary>
    public IReadOnlyDictionary<string, string> SkippedVariables => _skipped;

    /// <summary>The variable named <paramref name="name"/> ("var" or "group/var").</summary>
    public NetCdf4Variable GetVariable(string name)
    {
        if (_byName.TryGetValue(name, out var v)) return v;
        if (_skipped.TryGetValue(name, out string? why))
            throw new ZarrPSException(ErrorKind.NotImplemented, "Hdf5TypeNotSupported", $"Variable '{name}' in '{Location}' cannot be read: {why}.", name);
        throw new ZarrPSException(ErrorKind.NotFound, "VariableNotFound",
            $"NetCDF-4 file '{Location}' has no variable '{name}' (it has: {string.Join(", ", _byName.Keys)}).", name);
    }

    /// <summary>Closes the file; reads after this fail.</summary>
    public void Dispose() => _handles.Dispose();

    // Files up to this size are read through a page cache, one PureHDF read at a time: PureHDF parses metadata in
    // thousands of small reads, each a system call when it reads the file itself. Larger files keep PureHDF's own
    // thread-safe positional reads, where metadata is small beside the data.
    private const long PagedLimit = 256L << 20;

    private NativeFile OpenPureHdf(ref Hdf5Concurrency concurrency)
    {
        long length = new FileInfo(Location).Length;
        if (length == 0 || length > PagedLimit || concurrency == Hdf5Concurrency.Pooled) return H5File.OpenRead(Location);
        concurrency = Hdf5Concurrency.Locked;
        return H5File.Open(new PagedFileStream(Location), leaveOpen: false);
    }

    private static long FindSignature(string path)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long length = RandomAccess.GetLength(handle);
        Span<byte> head = stackalloc byte[8];
        for (long at = 0; at + 8 <= length; at = at == 0 ? 512 : at * 2)
        {
            if (RandomAccess.Read(handle, head, at) == 8 && head.SequenceEqual(Signature)) return at;
        }
        return -1;
    }

    /// <summary>A dimension while the file is scanned.</summary>
    private sealed class Dimension(string name, long length, bool unlimited, int? dimId, int sequence)
    {
        public string Name { get; } = name;
        public long Length { get; set; } = length;
        public bool Unlimited { get; } = unlimited;
        public int? DimId { get; } = dimId;
        public int Sequence { get; } = sequence;
    }

    private sealed class DatasetNode(NativeDataset dataset, string linkName, string datasetPath, ulong address, List<IH5Attribute> attributeList)
    {
        public List<IH5Attribute> AttributeList { get; } = attributeList;
        public NativeDataset Dataset { get; } = dataset;
        public string LinkName { get; } = linkName;
        public string DatasetPath { get; } = datasetPath;
        public ulong Address { get; } = address;
        public Dictionary<string, IH5Attribute> Attributes { get; } = ByName(attributeList);

        private static Dictionary<string, IH5Attribute> ByName(List<IH5Attribute> list)
        {
            var byName = new Dictionary<string, IH5Attribute>(StringComparer.Ordinal);
            foreach (var a in list) byName.TryAdd(a.Name, a);
            return byName;
        }
        public Dimension? Scale { get; set; }
        public bool DimensionOnly { get; set; }
        public Dimension[]? Dims { get; set; }
    }

    private sealed class GroupNode(string prefix)
    {
        public string Prefix { get; } = prefix;
        public List<DatasetNode> Datasets { get; } = [];
        public List<GroupNode> Children { get; } = [];
        public List<Dimension> Phony { get; } = [];
    }

    /// <summary>The two passes over the file: find every group, dataset and dimension scale; then give each variable its dimensions.</summary>
    private sealed class Scan(NetCdf4File owner)
    {
        private readonly Dictionary<ulong, Dimension> _scales = [];
        private readonly Dictionary<int, Dimension> _byDimId = [];
        private readonly List<Dimension> _dimensions = [];
        private readonly HashSet<ulong> _visitedGroups = [];
        private int _phonyCounter;

        public IReadOnlyList<DimensionInfo> Dimensions { get; private set; } = [];
        public IReadOnlyList<IChunkedSource> Variables { get; private set; } = [];
        public OrderedDictionary<string, object?> RootAttributes { get; private set; } = new();
        public Dictionary<string, OrderedDictionary<string, object?>> GroupAttributes { get; } = new(StringComparer.Ordinal);

        public void Run(NativeFile file)
        {
            var root = new GroupNode("");
            RootAttributes = NetCdf4Attributes.Read(file, file.Attributes(), owner.Location, "the root group");
            Collect(file, root);
            Resolve(root);

            foreach (var node in AllDatasets(root))
            {
                if (node.Dims is null) continue;
                for (int axis = 0; axis < node.Dims.Length; axis++)
                {
                    var d = node.Dims[axis];
                    // netCDF's unlimited length is the longest extent along it, which a coordinate variable may not have.
                    if (d.Unlimited) d.Length = Math.Max(d.Length, (long)node.Dataset.Space.Dimensions[axis]);
                }
            }

            _dimensions.Sort((a, b) => (a.DimId ?? int.MaxValue, a.Sequence).CompareTo((b.DimId ?? int.MaxValue, b.Sequence)));
            var dims = new List<DimensionInfo>(_dimensions.Count);
            foreach (var d in _dimensions) dims.Add(new DimensionInfo(d.Name, d.Length, d.Unlimited));
            Dimensions = dims;

            var variables = new List<IChunkedSource>();
            foreach (var node in AllDatasets(root))
            {
                if (node.DimensionOnly || node.Dims is null) continue;
                var v = MakeVariable(node);
                if (v is null) continue;
                variables.Add(v);
                owner._byName[v.Name] = v;
            }
            Variables = variables;
        }

        private static IEnumerable<DatasetNode> AllDatasets(GroupNode group)
        {
            foreach (var d in group.Datasets) yield return d;
            foreach (var c in group.Children)
                foreach (var d in AllDatasets(c)) yield return d;
        }

        private void Collect(NativeGroup group, GroupNode node)
        {
            _visitedGroups.Add(PureHdfInternals.Address(group));
            var children = new List<IH5Object>(group.Children());
            var order = PureHdfInternals.LinkCreationOrder(group);
            if (order.Count > 0)
            {
                var keyed = new List<(ulong Order, int Position, IH5Object Child)>(children.Count);
                for (int i = 0; i < children.Count; i++)
                    keyed.Add((order.TryGetValue(children[i].Name, out ulong o) ? o : ulong.MaxValue, i, children[i]));
                keyed.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Position.CompareTo(b.Position));
                for (int i = 0; i < keyed.Count; i++) children[i] = keyed[i].Child;
            }

            foreach (var child in children)
            {
                switch (child)
                {
                    case NativeGroup sub:
                        // Hard links can make a group reachable twice; netCDF has no such thing, so read it once.
                        if (_visitedGroups.Contains(PureHdfInternals.Address(sub))) continue;
                        var subNode = new GroupNode(node.Prefix + sub.Name + "/");
                        GroupAttributes[node.Prefix + sub.Name] = NetCdf4Attributes.Read(sub, sub.Attributes(), owner.Location, $"group '{node.Prefix + sub.Name}'");
                        node.Children.Add(subNode);
                        Collect(sub, subNode);
                        break;
                    case NativeDataset dataset:
                        node.Datasets.Add(ReadDatasetNode(dataset, node));
                        break;
                }
            }
        }

        private DatasetNode ReadDatasetNode(NativeDataset dataset, GroupNode group)
        {
            var node = new DatasetNode(dataset, dataset.Name, "/" + group.Prefix + dataset.Name, PureHdfInternals.Address(dataset), [.. dataset.Attributes()]);
            var attributes = node.Attributes;

            var space = dataset.Space;
            if (space.Type != H5DataspaceType.Simple || space.Rank == 0) return node;
            if (NetCdf4Attributes.ReadString(attributes.GetValueOrDefault("CLASS")) != "DIMENSION_SCALE") return node;

            string? scaleName = NetCdf4Attributes.ReadString(attributes.GetValueOrDefault("NAME"));
            int[]? dimId = NetCdf4Attributes.ReadInts(attributes.GetValueOrDefault("_Netcdf4Dimid"));
            var dim = new Dimension(group.Prefix + dataset.Name, (long)space.Dimensions[0],
                space.MaxDimensions[0] == H5Constants.Unlimited, dimId is { Length: 1 } ? dimId[0] : null, _dimensions.Count);
            _dimensions.Add(dim);
            _scales[node.Address] = dim;
            if (dim.DimId is int id) _byDimId.TryAdd(id, dim);
            node.Scale = dim;
            node.DimensionOnly = scaleName is not null && scaleName.StartsWith(DimensionOnlyName, StringComparison.Ordinal);
            return node;
        }

        /// <summary>
        /// Gives every dataset its dimensions in netCDF-C's order: a group's subgroups first, then its own datasets,
        /// which is the order that numbers phony dimensions.
        /// </summary>
        private void Resolve(GroupNode group)
        {
            foreach (var child in group.Children) Resolve(child);
            foreach (var node in group.Datasets) node.Dims = DimensionsOf(node, group);
        }

        private Dimension[] DimensionsOf(DatasetNode node, GroupNode group)
        {
            var space = node.Dataset.Space;
            if (space.Type != H5DataspaceType.Simple) return [];
            ulong[] shape = space.Dimensions;
            ulong[] maxShape = space.MaxDimensions;
            var dims = new Dimension?[shape.Length];

            if (node.Scale is not null)
            {
                dims[0] = node.Scale;
                if (shape.Length > 1 && NetCdf4Attributes.ReadInts(node.Attributes.GetValueOrDefault("_Netcdf4Coordinates")) is { } ids && ids.Length == shape.Length)
                    for (int i = 1; i < ids.Length; i++) dims[i] = _byDimId.GetValueOrDefault(ids[i]);
            }
            else if (node.Attributes.TryGetValue("DIMENSION_LIST", out var list))
            {
                NativeObjectReference1[][] refs;
                try
                {
                    refs = list.Read<NativeObjectReference1[][]>();
                }
                catch (Exception e)
                {
                    throw new ZarrPSException(ErrorKind.InvalidData, "Hdf5DimensionListUnreadable",
                        $"NetCDF-4 file '{owner.Location}': the DIMENSION_LIST of variable '{group.Prefix + node.LinkName}' cannot be read: {e.Message}", node.LinkName, e);
                }
                if (refs.Length == shape.Length)
                    for (int i = 0; i < refs.Length; i++)
                        if (refs[i] is { Length: > 0 })
                        {
                            var r = refs[i][0];
                            dims[i] = _scales.GetValueOrDefault(Unsafe.As<NativeObjectReference1, ulong>(ref r));
                        }
            }
            else if (NetCdf4Attributes.ReadInts(node.Attributes.GetValueOrDefault("_Netcdf4Coordinates")) is { } ids && ids.Length == shape.Length)
            {
                for (int i = 0; i < ids.Length; i++) dims[i] = _byDimId.GetValueOrDefault(ids[i]);
            }

            var result = new Dimension[shape.Length];
            for (int i = 0; i < shape.Length; i++)
                result[i] = dims[i] ?? Phony(group, (long)shape[i], maxShape[i] == H5Constants.Unlimited, result.AsSpan(0, i));
            return result;
        }

        /// <summary>netCDF-C's rule: reuse a phony dimension of the group with the same length that this variable does not use yet.</summary>
        private Dimension Phony(GroupNode group, long length, bool unlimited, ReadOnlySpan<Dimension> taken)
        {
            foreach (var p in group.Phony)
            {
                if (p.Length != length || p.Unlimited != unlimited) continue;
                bool used = false;
                foreach (var t in taken) used |= ReferenceEquals(t, p);
                if (!used) return p;
            }
            var dim = new Dimension($"{group.Prefix}phony_dim_{_phonyCounter++}", length, unlimited, null, _dimensions.Count);
            _dimensions.Add(dim);
            group.Phony.Add(dim);
            return dim;
        }

        private NetCdf4Variable? MakeVariable(DatasetNode node)
        {
            string groupPrefix = node.DatasetPath[1..^node.LinkName.Length];
            string linkName = node.LinkName.StartsWith(NonCoordinatePrefix, StringComparison.Ordinal) && node.LinkName.Length > NonCoordinatePrefix.Length
                ? node.LinkName[NonCoordinatePrefix.Length..]
                : node.LinkName;
            string name = groupPrefix + linkName;
            var dataset = node.Dataset;
            var type = dataset.Type;

            DataType? stored = null;
            bool vlenString = false;
            switch (type.Class)
            {
                case H5DataTypeClass.FixedPoint or H5DataTypeClass.FloatingPoint:
                    stored = NetCdf4Attributes.NumericType(type)?.WithByteOrder(PureHdfInternals.IsBigEndian(dataset));
                    break;
                case H5DataTypeClass.String:
                    stored = DataType.FixedBytes(type.Size);
                    break;
                case H5DataTypeClass.VariableLength when PureHdfInternals.IsVariableLengthString(dataset):
                    vlenString = true;
                    break;
            }
            if (stored is null && !vlenString)
            {
                owner._skipped[name] = $"its HDF5 datatype ({type.Class}, {type.Size} bytes) has no engine equivalent";
                return null;
            }

            var space = dataset.Space;
            long[] shape = space.Type == H5DataspaceType.Simple ? Array.ConvertAll(space.Dimensions, d => (long)d) : [];
            var dimNames = Array.ConvertAll(node.Dims!, d => d.Name);
            var attributes = NetCdf4Attributes.Read(dataset, node.AttributeList, owner.Location, $"variable '{name}'");

            var layoutClass = dataset.Layout.Class;
            int[] chunks = layoutClass == H5DataLayoutClass.Chunked
                ? Array.ConvertAll(dataset.Layout.Chunks, c => (int)Math.Clamp(c, 1UL, int.MaxValue))
                : VirtualChunks(shape, type.Size);
            string layout = layoutClass switch
            {
                H5DataLayoutClass.Chunked => "chunked",
                H5DataLayoutClass.Contiguous => "contiguous",
                H5DataLayoutClass.Compact => "compact",
                _ => "virtual",
            };
            var filters = PureHdfInternals.Filters(dataset);
            var filterNames = filters.Count == 0 ? Array.Empty<string>() : new string[filters.Count];
            for (int i = 0; i < filters.Count; i++) filterNames[i] = $"{filters[i].Name} ({filters[i].Id})";

            return new NetCdf4Variable(owner._handles, dataset, node.DatasetPath, name, owner.Location, stored, vlenString,
                shape, chunks, dimNames, attributes, FillValueOf(node, stored), filterNames, layout);
        }

        /// <summary>The _FillValue attribute when there is one, else the fill value HDF5 keeps for the dataset.</summary>
        private static byte[]? FillValueOf(DatasetNode node, DataType? stored)
        {
            if (stored is null) return null;
            if (node.Attributes.TryGetValue("_FillValue", out var attribute))
            {
                byte[]? bytes = stored.Kind == ScalarKind.FixedBytes
                    ? PureHdfInternals.RawData(attribute).ToArray()
                    : NetCdf4Attributes.NumericBytes(attribute);
                if (bytes is not null && bytes.Length >= stored.ItemSize
                    && (stored.Kind == ScalarKind.FixedBytes || NetCdf4Attributes.NumericType(attribute.Type)?.Kind == stored.Kind))
                    return bytes.AsSpan(0, stored.ItemSize).ToArray();
            }
            byte[]? fill = node.Dataset.FillValue.Value;
            if (fill is null || fill.Length != stored.ItemSize) return null;
            if (stored.NeedsSwap) stored.SwapBytes(fill);
            return fill;
        }

        /// <summary>Slabs of about <see cref="NetCdf4Variable.VirtualChunkBytes"/> along the first axis, whole along the others.</summary>
        private static int[] VirtualChunks(long[] shape, int itemSize)
        {
            if (shape.Length == 0) return [];
            var chunks = new int[shape.Length];
            long rowBytes = Math.Max(1, itemSize);
            for (int i = 1; i < shape.Length; i++)
            {
                chunks[i] = (int)Math.Clamp(shape[i], 1, int.MaxValue);
                rowBytes = checked(rowBytes * Math.Max(1, shape[i]));
            }
            long rows = Math.Max(1, NetCdf4Variable.VirtualChunkBytes / rowBytes);
            chunks[0] = (int)Math.Clamp(Math.Min(rows, shape[0]), 1, int.MaxValue);
            return chunks;
        }
    }
}
