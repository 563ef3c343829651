namespace ZarrPS.Engine.Tests.Generators;

/// <summary>The metadata of an ERA5-like store (as xarray writes a CDS download to Zarr), in the three schema formats.</summary>
internal static class Era5Schema
{
    /// <summary>Consolidated Zarr v2 metadata: packed int16 t2m, float32 z on pressure levels, int64 hours since 1900.</summary>
    public const string V2 = """
        {
          "metadata": {
            ".zattrs": { "Conventions": "CF-1.6" },
            ".zgroup": { "zarr_format": 2 },
            "t2m/.zarray": { "chunks": [24, 721, 1440], "compressor": null, "dtype": "<i2", "fill_value": null, "filters": null, "order": "C", "shape": [744, 721, 1440], "zarr_format": 2 },
            "t2m/.zattrs": { "_ARRAY_DIMENSIONS": ["time", "latitude", "longitude"], "_FillValue": -32767, "scale_factor": 0.0018, "add_offset": 265.3, "long_name": "2 metre temperature", "units": "K" },
            "z/.zarray": { "chunks": [1, 37, 721, 1440], "compressor": null, "dtype": "<f4", "fill_value": "NaN", "filters": null, "order": "C", "shape": [744, 37, 721, 1440], "zarr_format": 2 },
            "z/.zattrs": { "_ARRAY_DIMENSIONS": ["time", "level", "latitude", "longitude"], "long_name": "Geopotential", "units": "m**2 s**-2" },
            "time/.zarray": { "chunks": [744], "compressor": null, "dtype": "<i8", "fill_value": null, "filters": null, "order": "C", "shape": [744], "zarr_format": 2 },
            "time/.zattrs": { "_ARRAY_DIMENSIONS": ["time"], "calendar": "gregorian", "units": "hours since 1900-01-01 00:00:00.0", "long_name": "time" },
            "level/.zarray": { "chunks": [37], "compressor": null, "dtype": "<i4", "fill_value": null, "filters": null, "order": "C", "shape": [37], "zarr_format": 2 },
            "level/.zattrs": { "_ARRAY_DIMENSIONS": ["level"], "units": "millibars", "long_name": "pressure_level" },
            "latitude/.zarray": { "chunks": [721], "compressor": null, "dtype": "<f8", "fill_value": NaN, "filters": null, "order": "C", "shape": [721], "zarr_format": 2 },
            "latitude/.zattrs": { "_ARRAY_DIMENSIONS": ["latitude"], "units": "degrees_north", "long_name": "latitude" },
            "longitude/.zarray": { "chunks": [1440], "compressor": null, "dtype": "<f8", "fill_value": NaN, "filters": null, "order": "C", "shape": [1440], "zarr_format": 2 },
            "longitude/.zattrs": { "_ARRAY_DIMENSIONS": ["longitude"], "units": "degrees_east", "long_name": "longitude" }
          },
          "zarr_consolidated_format": 1
        }
        """;

    /// <summary>The same store as Zarr v3 with consolidated metadata in the root zarr.json.</summary>
    public const string V3 = """
        {
          "zarr_format": 3, "node_type": "group", "attributes": { "Conventions": "CF-1.6" },
          "consolidated_metadata": { "kind": "inline", "must_understand": false, "metadata": {
            "t2m": { "zarr_format": 3, "node_type": "array", "shape": [744, 721, 1440], "data_type": "int16", "fill_value": -32767,
                     "dimension_names": ["time", "latitude", "longitude"],
                     "attributes": { "scale_factor": 0.0018, "add_offset": 265.3, "units": "K" } },
            "time": { "zarr_format": 3, "node_type": "array", "shape": [744], "data_type": "int64", "fill_value": 0,
                      "dimension_names": ["time"], "attributes": { "calendar": "gregorian", "units": "hours since 1900-01-01" } },
            "level": { "zarr_format": 3, "node_type": "array", "shape": [37], "data_type": "int32", "fill_value": 0,
                       "dimension_names": ["level"], "attributes": { "units": "millibars" } },
            "flags": { "zarr_format": 3, "node_type": "array", "shape": [37], "data_type": "bool", "fill_value": false,
                       "dimension_names": ["level"], "attributes": {} },
            "latitude": { "zarr_format": 3, "node_type": "array", "shape": [721], "data_type": { "name": "float64" }, "fill_value": "NaN",
                          "dimension_names": ["latitude"], "attributes": {} },
            "longitude": { "zarr_format": 3, "node_type": "array", "shape": [1440], "data_type": "float64", "fill_value": "NaN",
                           "dimension_names": ["longitude"], "attributes": {} },
            "nested/deeper": { "zarr_format": 3, "node_type": "array", "shape": [2], "data_type": "int8", "fill_value": 0,
                               "dimension_names": ["x"], "attributes": {} }
          } }
        }
        """;

    /// <summary>The same variables as an .xschema.json, with the decoded types written out and a C# name given.</summary>
    public const string XSchema = """
        {
          "variables": {
            "t2m": { "dims": ["time", "latitude", "longitude"], "dtype": "float32", "name": "Temperature2m", "long_name": "2 metre temperature", "units": "K" },
            "time": { "dims": ["time"], "dtype": "datetime64[ns]" },
            "level": { "dims": ["level"], "dtype": "int32" },
            "latitude": { "dims": ["latitude"], "dtype": "float64" },
            "longitude": { "dims": ["longitude"], "dtype": "float64" },
            "station": { "dims": ["site"], "dtype": "<U8" },
            "site_date": { "dims": ["site"], "dtype": "cftime[noleap]" }
          },
          "coordinates": ["station"]
        }
        """;
}
