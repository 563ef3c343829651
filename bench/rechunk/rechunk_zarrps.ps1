# ZarrPS: Optimize-XZarr to (8760, 10, 10) under -MaxMemory 512MB.
param([string]$Source, [string]$Destination, [string]$TempStore)
$sw = [System.Diagnostics.Stopwatch]::StartNew()
$r = Optimize-XZarr $Source -Destination $Destination -Chunks @{ time = 8760; latitude = 10; longitude = 10 } -MaxMemory 512MB -TempStore $TempStore -Force
$sw.Stop()
$r.ToString()
$p = $r.Plans['t2m']
"plan t2m: read ({0}) intermediate ({1}) write ({2}); {3} tasks for {4} + {5} chunks" -f ($p.Read -join ','), ($p.Intermediate -join ','), ($p.Write -join ','), $p.Tasks, $p.SourceChunks, $p.TargetChunks
"zarrps {0:F2} s" -f $sw.Elapsed.TotalSeconds
