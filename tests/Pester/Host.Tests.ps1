# The zarrps host (out/host/zarrps.dll) run as a child process: output, script arguments, exit codes and
# what goes to stdout and stderr. Runs under real Pester 5 too; build first (./zarrps test does).

BeforeAll {
    $script:HostDll = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'out', 'host', 'zarrps.dll'))

    # Starts zarrps with the given arguments (stdin redirected and fed, then closed); Complete-Zarrps waits for it.
    # Starting several before completing any runs them side by side.
    function Start-Zarrps([string[]] $Arguments, [string] $InputText = '', [hashtable] $Environment = @{}) {
        $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $info.ArgumentList.Add($script:HostDll)
        foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        foreach ($key in $Environment.Keys) { $info.Environment[$key] = $Environment[$key] }
        $process = [System.Diagnostics.Process]::Start($info)
        $started = [pscustomobject]@{
            Process   = $process
            Arguments = $Arguments
            Stdout    = $process.StandardOutput.ReadToEndAsync()
            Stderr    = $process.StandardError.ReadToEndAsync()
        }
        $process.StandardInput.Write($InputText)
        $process.StandardInput.Close()
        $started
    }

    # Waits for a started zarrps and returns its exit code and streams (line ends normalised to LF).
    function Complete-Zarrps($Started) {
        $process = $Started.Process
        try {
            if (-not $process.WaitForExit(120000)) {
                $process.Kill($true)
                throw "zarrps $($Started.Arguments -join ' ') did not finish within 120 s"
            }
            $process.WaitForExit()
            [pscustomobject]@{
                ExitCode = $process.ExitCode
                Stdout   = $Started.Stdout.Result -replace "`r`n", "`n"
                Stderr   = $Started.Stderr.Result -replace "`r`n", "`n"
            }
        }
        finally {
            $process.Dispose()
        }
    }

    function Invoke-Zarrps([string[]] $Arguments, [string] $InputText = '', [hashtable] $Environment = @{}) {
        Complete-Zarrps (Start-Zarrps $Arguments $InputText $Environment)
    }

    # .NET stack frames look like "   at Namespace.Type.Method(...)".
    $script:StackFrame = '(?m)^\s+at [\w.`<>]+\.[\w<>`]+\('
}

Describe 'zarrps host' {
    It 'is built' {
        $script:HostDll | Should -Exist
    }
}

Describe 'zarrps -Command' {
    BeforeAll {
        $runs = @(
            Start-Zarrps '-Command', '1 + 2'
            Start-Zarrps '-c', '"a", "b"'
            Start-Zarrps '-Command', '(Get-Module ZarrPS).Name'
            Start-Zarrps '-Command', '[pscustomobject]@{ Name = "tas"; Size = 3 }'
        )
        $sum, $short, $module, $table = $runs | ForEach-Object { Complete-Zarrps $_ }
    }
    It 'prints the output and exits 0' {
        $sum.Stdout | Should -BeExactly "3`n"
        $sum.Stderr | Should -BeNullOrEmpty
        $sum.ExitCode | Should -Be 0
    }
    It 'accepts -c' {
        $short.Stdout | Should -BeExactly "a`nb`n"
    }
    It 'imports the ZarrPS module at start' {
        $module.Stdout.Trim() | Should -Be 'ZarrPS'
    }
    It 'formats objects through Out-Default' {
        $table.Stdout | Should -Match '(?m)^Name\s+Size\s*$'
        $table.Stdout | Should -Match '(?m)^tas\s+3\s*$'
    }
}

Describe 'zarrps FILE.ps1' {
    BeforeAll {
        $script = [System.IO.Path]::Combine($TestDrive, 'args.ps1')
        [System.IO.File]::WriteAllText($script, @'
param([string] $Name = 'none', [int] $Count = 1, [switch] $Flag, [Parameter(ValueFromRemainingArguments)] $Rest)
"root=$PSScriptRoot"
"name=$Name count=$Count flag=$Flag rest=$($Rest -join ',')"
'@)
        $runs = @(
            Start-Zarrps $script, '-Name', 'era5', '-Count:3', '-Flag', 'x', 'y'
            Start-Zarrps $script, 'tas', '7'
            Start-Zarrps $script, '-Count', '-2'
            Start-Zarrps $script, '-Flag:$false'
        )
        $named, $positional, $negative, $explicitSwitch = $runs | ForEach-Object { Complete-Zarrps $_ }
    }
    It 'sets $PSScriptRoot to the script folder' {
        ($named.Stdout -split "`n")[0] | Should -Be "root=$TestDrive"
    }
    It 'binds named arguments, -Name:value and switches like pwsh -File' {
        ($named.Stdout -split "`n")[1] | Should -Be 'name=era5 count=3 flag=True rest=x,y'
        $named.ExitCode | Should -Be 0
    }
    It 'binds positional arguments' {
        ($positional.Stdout -split "`n")[1] | Should -Be 'name=tas count=7 flag=False rest='
    }
    It 'takes a negative number as a value' {
        ($negative.Stdout -split "`n")[1] | Should -Be 'name=none count=-2 flag=False rest='
    }
    It 'takes -Switch:$false' {
        ($explicitSwitch.Stdout -split "`n")[1] | Should -Be 'name=none count=1 flag=False rest='
    }
    It 'reports a missing script with exit code 64' {
        $missing = Invoke-Zarrps ([System.IO.Path]::Combine($TestDrive, 'nope.ps1'))
        $missing.ExitCode | Should -Be 64
        $missing.Stderr | Should -Match 'nope\.ps1'
    }
}

Describe 'Exit codes' {
    It 'exits with N on exit N in a script' {
        $script = [System.IO.Path]::Combine($TestDrive, 'exit3.ps1')
        [System.IO.File]::WriteAllText($script, "'before'`nexit 3`n'after'")
        $r = Invoke-Zarrps $script
        $r.ExitCode | Should -Be 3
        $r.Stdout | Should -BeExactly "before`n"
    }
    It 'exits with N on exit N in a command' {
        (Invoke-Zarrps '-Command', 'exit 7').ExitCode | Should -Be 7
    }
    It 'exits 0 when a script ends normally after a native command failed' {
        $script = [System.IO.Path]::Combine($TestDrive, 'native.ps1')
        [System.IO.File]::WriteAllText($script, "sh -c 'exit 4'`n'done'")
        $r = Invoke-Zarrps $script
        $r.Stdout.Trim() | Should -Be 'done'
        $r.ExitCode | Should -Be 0
    }
}

Describe 'Terminating errors' {
    BeforeAll {
        $script = [System.IO.Path]::Combine($TestDrive, 'throws.ps1')
        [System.IO.File]::WriteAllText($script, "'before'`nthrow 'chunk 0.0 is corrupt'`n'after'")
        $runs = @(
            Start-Zarrps $script
            Start-Zarrps '-Command', '[System.IO.File]::ReadAllBytes("/no/such/file"); $x = $null; $x.Foo()'
            Start-Zarrps $script -Environment @{ ZARRPS_DEBUG = '1' }
            Start-Zarrps '-Command', 'foo('
        )
        $thrown, $dotnet, $debug, $parse = $runs | ForEach-Object { Complete-Zarrps $_ }
    }
    It 'exits 1 and stops the script' {
        $thrown.ExitCode | Should -Be 1
        $thrown.Stdout | Should -BeExactly "before`n"
    }
    It 'prints the message on stderr without a .NET stack trace' {
        $thrown.Stderr | Should -Match 'chunk 0\.0 is corrupt'
        $thrown.Stderr | Should -Not -Match $StackFrame
    }
    It 'prints .NET exceptions from method calls without a stack trace' {
        $dotnet.Stderr | Should -Match 'Could not find'
        $dotnet.Stderr | Should -Not -Match $StackFrame
    }
    It 'adds the .NET stack trace with ZARRPS_DEBUG=1' {
        $debug.Stderr | Should -Match 'chunk 0\.0 is corrupt'
        $debug.Stderr | Should -Match $StackFrame
        $debug.ExitCode | Should -Be 1
    }
    It 'reports a command that does not parse and exits 1' {
        $parse.ExitCode | Should -Be 1
        $parse.Stderr | Should -Match 'ParserError'
        $parse.Stderr | Should -Match "An expression was expected after '\('"
    }
}

Describe 'Streams' {
    BeforeAll {
        $script = [System.IO.Path]::Combine($TestDrive, 'streams.ps1')
        [System.IO.File]::WriteAllText($script, @'
function Test-Streams {
    [CmdletBinding()]
    param()
    $PSCmdlet.WriteWarning('careful with chunk 3')
    $PSCmdlet.WriteVerbose('opening the store')
    $PSCmdlet.WriteInformation('information record', [string[]] @())
    $PSCmdlet.WriteInformation([System.Management.Automation.HostInformationMessage] @{ Message = 'host message' }, [string[]] 'PSHOST')
    $record = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new('chunk 4 is missing'), 'ChunkMissing', 'ObjectNotFound', $null)
    $PSCmdlet.WriteError($record)
    for ($i = 0; $i -le 100; $i += 50) {
        $progress = [System.Management.Automation.ProgressRecord]::new(1, 'Reading', "chunk $i")
        $progress.PercentComplete = $i
        $PSCmdlet.WriteProgress($progress)
    }
    'result'
}
Test-Streams
'after'
'@)
        $runs = @(
            Start-Zarrps $script
            Start-Zarrps '-Command', "`$null = . '$script'; `$VerbosePreference = 'Continue'; `$InformationPreference = 'Continue'; Test-Streams"
        )
        $plain, $verbose = $runs | ForEach-Object { Complete-Zarrps $_ }
    }
    It 'writes pipeline output and host messages, and only those, to stdout' {
        $plain.Stdout | Should -BeExactly "host message`nresult`nafter`n"
    }
    It 'writes information records only when $InformationPreference asks, once' {
        $plain.Stdout | Should -Not -Match 'information record'
        @([regex]::Matches($verbose.Stdout, 'information record')).Count | Should -Be 1
    }
    It 'writes warnings to stderr' {
        $plain.Stderr | Should -Match '(?m)^WARNING: careful with chunk 3$'
    }
    It 'writes a non-terminating error to stderr, in the concise view, and continues' {
        $plain.Stderr | Should -Match 'Test-Streams: '
        $plain.Stderr | Should -Match 'chunk 4 is missing'
        $plain.ExitCode | Should -Be 0
    }
    It 'writes verbose text only when $VerbosePreference asks' {
        $plain.Stderr | Should -Not -Match 'VERBOSE'
        $verbose.Stderr | Should -Match '(?m)^VERBOSE: opening the store$'
    }
    It 'prints no progress when stderr is not a terminal' {
        $plain.Stderr | Should -Not -Match 'Reading'
        $plain.Stderr | Should -Not -Match '%'
    }
}

Describe 'Input' {
    It 'reads the commands from stdin with -Command -, and accepts pwsh options that change nothing' {
        $r = Invoke-Zarrps '-NoProfile', '-NonInteractive', '-Command', '-' -InputText "'from stdin'`n"
        $r.Stdout | Should -BeExactly "from stdin`n"
        $r.ExitCode | Should -Be 0
    }
    It 'runs commands read from redirected stdin, multi-line ones with blank lines included' {
        $r = Invoke-Zarrps @() -InputText "function f {`n`n  'in f'`n}`nf`n1 + 1`nexit 5`n'not run'`n"
        $r.Stdout | Should -BeExactly "in f`n2`n"
        $r.ExitCode | Should -Be 5
    }
    It 'fails clearly when asked to prompt without a terminal' {
        $r = Invoke-Zarrps '-Command', '$host.UI.ReadLine()'
        $r.Stderr | Should -Match 'standard input is not a terminal'
    }
}
