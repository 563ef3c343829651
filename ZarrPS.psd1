@{
    RootModule           = 'ZarrPS.Module.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1d0c3e-6a52-4b8e-9d7a-2f4e5c1b7a90'
    Author               = 'ZarrPS'
    CompanyName          = 'ZarrPS'
    Copyright            = '(c) ZarrPS. MIT licence.'
    Description          = 'Lazy, chunked, labelled N-D arrays (Zarr v2/v3, NetCDF) for PowerShell: the xarray + dask + zarr stack as cmdlets.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('ZarrPS.format.ps1xml')
    CmdletsToExport      = @(
        'Get-XEngineInfo'
        'Open-XDataset'
        'Select-XData'
        'Save-XDataset'
        'Start-XCluster'
        'Connect-XCluster'
        'Stop-XCluster'
        'Convert-ToZarr'
        'Optimize-XZarr'
        'Get-XCatalog'
        'Measure-XData'
        'Get-XComputeStat'
        'Invoke-XCompute'
        'Set-XChunk'
        'Join-XData'
        'Merge-XDataset'
        'Group-XData'
        'Measure-XAnomaly'
        'Resize-XData'
        'Measure-XSkill'
        'Export-XPlot'
        'Start-XDashboard'
        'Stop-XDashboard'
        'New-XBatchGenerator'
        'New-XSampleDataset'
        'Invoke-XTrain'
        'Invoke-XPredict'
        'Save-XModel'
        'Import-XModel'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('zarr', 'netcdf', 'xarray', 'climate', 'weather', 'dask')
            ProjectUri = 'https://example.invalid/zarrps'
        }
    }
}
