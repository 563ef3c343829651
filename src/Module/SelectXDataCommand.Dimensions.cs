namespace ZarrPS.Module;

// Select-XData's dimension parameters: one line a dimension. The parameter takes what -Sel takes for one dimension
// and selects whichever of the names the input has (the first present; then, ignoring case; then the coordinate
// with the CF standard_name, axis or units). ZarrPS.Generators writes the parameters from this table.
[DimensionParameter("Time", "time", "t", "valid_time", "date", StandardName = "time", Axis = "T")]
[DimensionParameter("Level", "level", "plev", "lev", "pressure_level", "isobaricInhPa", "height", Axis = "Z")]
[DimensionParameter("Latitude", "latitude", "lat", "y", StandardName = "latitude", Axis = "Y", Units = "degrees_north")]
[DimensionParameter("Longitude", "longitude", "lon", "x", StandardName = "longitude", Axis = "X", Units = "degrees_east")]
[DimensionParameter("Member", "member", "number", "realization", "ensemble", "member_id", StandardName = "realization")]
public sealed partial class SelectXDataCommand;
