using System.Management.Automation;
using ZarrPS.Engine.Model;

namespace ZarrPS.Module;

/// <summary>Lets a parameter that takes a Dataset take a DataArray too (as its to_dataset()), as xarray users expect of to_zarr.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DatasetTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object o = inputData is PSObject p ? p.BaseObject : inputData;
        return o is DataArray a ? a.ToDataset() : inputData;
    }
}
