# Times ZarrPS reading each whole benchmark array through Open-XDataset and .Values (one warm-up, one timed run).
param([string]$Data, [string]$Names)
foreach ($name in $Names.Split(",")) {
    # Raw values, as zarr-python's arr[...] returns them (no CF masking of the fill value).
    $ds = Open-XDataset ([IO.Path]::Combine($Data, $name)) -MaskAndScale:$false
    $var = $ds.DataVars[0]
    $null = $ds[$var].Values
    [GC]::Collect()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $v = $ds[$var].Values
    $sw.Stop()
    $last = $v.GetValue($v.GetLength(0) - 1, $v.GetLength(1) - 1, $v.GetLength(2) - 1)
    "zarrps {0} {1:F4} {2:F4}" -f $name, $sw.Elapsed.TotalSeconds, $last
    $v = $null
    [GC]::Collect()
}
