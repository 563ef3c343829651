# ZarrPS: Convert-ToZarr with Blosc zstd 3 bitshuffle, chunks of 24 hours.
param([string]$Source, [string]$Destination)
$sw = [System.Diagnostics.Stopwatch]::StartNew()
$r = Convert-ToZarr $Source -Destination $Destination -Chunks @{ time = 24 } -Compressor blosc-zstd -Level 3 -Shuffle bit -Force
$sw.Stop()
$r.ToTable()
"zarrps {0:F2} s {1}" -f $sw.Elapsed.TotalSeconds, $r.BytesOut
