using ZarrPS.Engine.Model.Typed;

namespace ZarrPS.Engine.Tests.Generators.Consumer;

/// <summary>The packed CMIP5 near-surface temperature store, typed from its consolidated metadata by ZarrPS.Generators.</summary>
[XSchema("xarray-zarr/tas_packed.zarr/.zmetadata", Names = ["tas=NearSurfaceTemperature"])]
public partial class TasDataset;
