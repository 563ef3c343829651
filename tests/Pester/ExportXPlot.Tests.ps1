# Export-XPlot from PowerShell: PNG maps, lines, bars, histograms and panels of the COADS fixture.
BeforeAll {
    $fixtures = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', '..', '..', 'shared', 'fixtures'))
    $coads = Open-XDataset ([IO.Path]::Combine($fixtures, 'xarray-zarr', 'coads.zarr'))
    $dir = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'zarrps-pester-plot-' + [guid]::NewGuid().ToString('N'))
    $null = [IO.Directory]::CreateDirectory($dir)
    function PngSize([string] $path) {
        # IHDR: width and height, big-endian, at bytes 16 and 20.
        $b = [IO.File]::ReadAllBytes($path)
        $w = ([int]$b[16] -shl 24) -bor ([int]$b[17] -shl 16) -bor ([int]$b[18] -shl 8) -bor [int]$b[19]
        $h = ([int]$b[20] -shl 24) -bor ([int]$b[21] -shl 16) -bor ([int]$b[22] -shl 8) -bor [int]$b[23]
        @($w, $h)
    }
    function PixelVariance([string] $path) {
        $bmp = [SkiaSharp.SKBitmap]::Decode($path)
        $sum = 0.0; $sq = 0.0; $n = 0
        for ($y = 0; $y -lt $bmp.Height; $y += 7) {
            for ($x = 0; $x -lt $bmp.Width; $x += 7) {
                $c = $bmp.GetPixel($x, $y)
                $l = 0.2126 * $c.Red + 0.7152 * $c.Green + 0.0722 * $c.Blue
                $sum += $l; $sq += $l * $l; $n++
            }
        }
        $bmp.Dispose()
        $m = $sum / $n
        $sq / $n - $m * $m
    }
}

Describe 'Export-XPlot' {
    It 'draws a map of the size asked, with coastlines, and returns the file' {
        $path = [IO.Path]::Combine($dir, 'sst.png')
        $file = $coads['SST'] | Select-XData -Isel @{ TIME = 0 } | Export-XPlot -Path $path -Coastlines -ColorMap RdBu_r -Vmin -5 -Vmax 30 -Width 720 -Height 400
        $file | Should -BeOfType ([IO.FileInfo])
        $file.FullName | Should -Be $path
        PngSize $path | Should -Be @(720, 400)
        PixelVariance $path | Should -BeGreaterThan 200
    }
    It 'draws the variables of a Dataset as a panel' {
        $path = [IO.Path]::Combine($dir, 'panel.png')
        $coads | Select-XData -Isel @{ TIME = 6 } | Select-XData -Variable AIRT, SST, SLP, UWND, VWND, WSPD |
            Export-XPlot -Path $path -Kind panel -Title 'COADS in July' -Width 1200 -Height 640 > $null
        PngSize $path | Should -Be @(1200, 640)
        PixelVariance $path | Should -BeGreaterThan 200
    }
    It 'draws piped DataArrays as one panel with a shared colour bar' {
        $path = [IO.Path]::Combine($dir, 'two.png')
        $jan = $coads['SST'] | Select-XData -Isel @{ TIME = 0 }
        $jul = $coads['SST'] | Select-XData -Isel @{ TIME = 6 }
        $jan, $jul | Export-XPlot -Path $path -Kind panel -SharedColorBar -Width 900 -Height 360 > $null
        PngSize $path | Should -Be @(900, 360)
    }
    It 'draws a line, bars and a histogram' {
        $line = [IO.Path]::Combine($dir, 'line.png')
        $coads['SST'] | Select-XData -Sel @{ COADSY = 1; COADSX = 201 } | Export-XPlot -Path $line -Kind line -Width 600 -Height 300 > $null
        PngSize $line | Should -Be @(600, 300)
        PixelVariance $line | Should -BeGreaterThan 10
        $bar = [IO.Path]::Combine($dir, 'bar.png')
        $coads['AIRT'] | Measure-XData -Mean -Dim COADSY, COADSX | Export-XPlot -Path $bar -Kind bar > $null
        PngSize $bar | Should -Be @(900, 560)
        $hist = [IO.Path]::Combine($dir, 'hist.png')
        $coads['SST'] | Export-XPlot -Path $hist -Kind histogram -Bins 40 > $null
        PixelVariance $hist | Should -BeGreaterThan 10
    }
    It 'writes nothing with -WhatIf' {
        $path = [IO.Path]::Combine($dir, 'whatif.png')
        $coads['SST'] | Select-XData -Isel @{ TIME = 0 } | Export-XPlot -Path $path -WhatIf
        [IO.File]::Exists($path) | Should -BeFalse
    }
    Context 'errors' {
        It 'refuses a map of a 3-D array, naming its dimensions' {
            { $coads['SST'] | Export-XPlot -Path ([IO.Path]::Combine($dir, 'bad.png')) -ErrorAction Stop } |
                Should -Throw -ExpectedMessage "*needs a 2-D array*'SST' has dimensions TIME(12) × COADSY(90) × COADSX(180)*"
            [IO.File]::Exists([IO.Path]::Combine($dir, 'bad.png')) | Should -BeFalse
        }
        It 'lists the valid colour maps for an unknown one' {
            { $coads['SST'] | Select-XData -Isel @{ TIME = 0 } | Export-XPlot -Path ([IO.Path]::Combine($dir, 'bad.png')) -ColorMap jett -ErrorAction Stop } |
                Should -Throw -ExpectedMessage "*-ColorMap 'jett' is not a known colour map; valid: viridis, *RdBu*"
        }
        It 'refuses a map without latitude and longitude' {
            $m = $coads['SST'] | Select-XData -Isel @{ COADSY = 40 }
            { $m | Export-XPlot -Path ([IO.Path]::Combine($dir, 'bad.png')) -ErrorAction Stop } |
                Should -Throw -ExpectedMessage '*needs a latitude and a longitude dimension*'
        }
        It 'refuses something that is not an array' {
            { 'text' | Export-XPlot -Path ([IO.Path]::Combine($dir, 'bad.png')) -ErrorAction Stop } |
                Should -Throw -ExpectedMessage '*draws a DataArray or a Dataset, not a String*'
        }
    }
    AfterAll {
        [IO.Directory]::Delete($dir, $true)
    }
}
