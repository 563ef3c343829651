using ZarrPS.Engine.Model.Typed;

namespace ZarrPS.Engine.Tests.Generators.Consumer;

/// <summary>The COADS climatology store, typed from its consolidated metadata by ZarrPS.Generators.</summary>
[XSchema("xarray-zarr/coads.zarr/.zmetadata", Names = ["SST=SeaSurfaceTemperature", "AIRT=AirTemperature"])]
public partial class CoadsDataset;
