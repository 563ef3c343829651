# A small Pester 5 compatible runner: Describe/Context/It with BeforeAll/AfterAll/BeforeEach/AfterEach,
# -ForEach/-TestCases data, -Skip, -Tag, and Should with Pester's operators and failure messages.
# Test files written for Pester 5 run unchanged here; this shim exists because Pester cannot be installed.
# It uses only Microsoft.PowerShell.Core cmdlets and .NET calls (a hosted runspace has nothing else).
#
# Semantics follow Pester 5: a discovery pass runs the file and the Describe/Context bodies to collect the
# It blocks (BeforeAll and It bodies do not run then); a run pass then runs, per block, BeforeAll in a new
# scope, each It in a child scope together with the BeforeEach/AfterEach chain, then AfterAll.
#
# Scopes: user script blocks are bound to the caller's session state. A helper script block bound to that
# session state ($script:EnterScope) creates each new scope there with '&', then calls back into this module,
# which dot-sources the user's blocks: they land in the newest user scope, so BeforeAll variables are seen
# by the Its of that block and nested blocks, and nothing an It sets leaks to the next one.

Set-StrictMode -Off

$script:UserState = $null      # the caller's SessionState: where test code and its variables live
$script:EnterScope = $null     # user-bound { param($__PesterShimAction, $__PesterShimState) ... }
$script:RunFile = $null        # user-bound: dot-sources a test file into the current user scope
$script:Discovering = $null    # the block whose body is being discovered, or $null
$script:CurrentTest = $null    # the test whose body is running (Should records its failures there)
$script:ThrowDepth = 0         # > 0 while Should -Throw runs a script block that is expected to fail

function New-ShimBlock([string] $Name, [object[]] $Path, [scriptblock] $ScriptBlock, $Parent, $Data, [bool] $HasData, [bool] $Skip, [string[]] $Tag) {
    @{
        Kind        = 'Block'
        Name        = $Name
        Path        = $Path
        ScriptBlock = $ScriptBlock
        Parent      = $Parent
        Data        = $Data
        HasData     = $HasData
        Skip        = $Skip -or ($null -ne $Parent -and $Parent.Skip)
        Tag         = $Tag
        BeforeAll   = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll    = [System.Collections.Generic.List[scriptblock]]::new()
        BeforeEach  = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach   = [System.Collections.Generic.List[scriptblock]]::new()
        Children    = [System.Collections.Generic.List[hashtable]]::new()
        TestDrive   = $null
    }
}

# Defines the data of a -ForEach item in the current user scope: a dictionary's keys become variables,
# and $_ is the item itself, as Pester 5 does.
function Set-ShimData($Data, [bool] $HasData) {
    if (-not $HasData) { return }
    if ($Data -is [System.Collections.IDictionary]) {
        foreach ($key in $Data.Keys) {
            $script:UserState.PSVariable.Set([string] $key, $Data[$key])
        }
    }
    $script:UserState.PSVariable.Set('_', $Data)
}

# Expands <name> templates the way Pester 5 does: each <expr> becomes $($expr) in an expandable string,
# evaluated in the user scope that holds the data variables.
function Expand-ShimName([string] $Name) {
    if ($Name -notlike '*<*') { return $Name }
    $text = '"' + ($Name -replace '\$', '`$' -replace '"', '`"' -replace '(?<!`)<([^>^`]+)>', '$$($$$1)') + '"'
    try {
        $expanded = $ExecutionContext.InvokeCommand.InvokeScript($script:UserState, [scriptblock]::Create($text), @())
        return [string] ($expanded | ForEach-Object { $_ })
    }
    catch {
        return $Name
    }
}

# The items of -ForEach: a collection, or a single hashtable as one item. Like Pester 5.5+, an empty or
# $null -ForEach fails discovery unless -AllowNullOrEmptyForEach says it may be empty.
function Get-ShimItems($ForEach, [string] $What, [bool] $AllowEmpty) {
    $items = if ($ForEach -is [System.Collections.IDictionary]) { @(, $ForEach) } elseif ($null -eq $ForEach) { @() } else { @($ForEach) }
    if ($items.Count -eq 0 -and -not $AllowEmpty) {
        throw "$What has a null or empty -ForEach or -TestCases. Provide data, or use -AllowNullOrEmptyForEach to let it generate nothing."
    }
    return , $items
}

function Add-ShimBlock([string] $Name, [scriptblock] $Fixture, [string[]] $Tag, [bool] $Skip, [bool] $HasForEach, $ForEach, [bool] $AllowEmpty, [string] $Keyword) {
    $parent = $script:Discovering
    if ($null -eq $parent) {
        throw "$Keyword '$Name' ran outside of test discovery. Run this file through the test runner (or Invoke-Pester)."
    }
    if ($null -eq $Fixture) {
        throw "$Keyword '$Name' has no script block."
    }

    $items = if ($HasForEach) { Get-ShimItems $ForEach "$Keyword '$Name'" $AllowEmpty } else { , @($null) }
    foreach ($item in $items) {
        & $script:EnterScope {
            param($state)
            Set-ShimData $state.Item $state.HasForEach
            $expanded = Expand-ShimName $state.Name
            $block = New-ShimBlock -Name $expanded -Path (@($state.Parent.Path) + $expanded) -ScriptBlock $state.Fixture `
                -Parent $state.Parent -Data $state.Item -HasData $state.HasForEach -Skip $state.Skip -Tag $state.Tag
            $state.Parent.Children.Add($block)
            $script:Discovering = $block
            try {
                $null = . $state.Fixture
            }
            finally {
                $script:Discovering = $state.Parent
            }
        } @{ Name = $Name; Fixture = $Fixture; Tag = $Tag; Skip = $Skip; HasForEach = $HasForEach; Item = $item; Parent = $parent }
    }
}

function Describe {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Fixture,
        [string[]] $Tag,
        [switch] $Skip,
        [Alias('TestCases')] [object] $ForEach,
        [switch] $AllowNullOrEmptyForEach
    )
    Add-ShimBlock -Name $Name -Fixture $Fixture -Tag $Tag -Skip $Skip.IsPresent -HasForEach $PSBoundParameters.ContainsKey('ForEach') -ForEach $ForEach `
        -AllowEmpty $AllowNullOrEmptyForEach.IsPresent -Keyword Describe
}

function Context {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Fixture,
        [string[]] $Tag,
        [switch] $Skip,
        [Alias('TestCases')] [object] $ForEach,
        [switch] $AllowNullOrEmptyForEach
    )
    Add-ShimBlock -Name $Name -Fixture $Fixture -Tag $Tag -Skip $Skip.IsPresent -HasForEach $PSBoundParameters.ContainsKey('ForEach') -ForEach $ForEach `
        -AllowEmpty $AllowNullOrEmptyForEach.IsPresent -Keyword Context
}

function It {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Name,
        [Parameter(Position = 1)] [scriptblock] $Test,
        [Alias('TestCases')] [object] $ForEach,
        [string[]] $Tag,
        [switch] $Skip,
        [switch] $Pending,
        [switch] $AllowNullOrEmptyForEach
    )
    $parent = $script:Discovering
    if ($null -eq $parent) {
        throw "It '$Name' ran outside of test discovery. Put it inside a Describe block."
    }
    $hasForEach = $PSBoundParameters.ContainsKey('ForEach')
    $items = if ($hasForEach) { Get-ShimItems $ForEach "It '$Name'" $AllowNullOrEmptyForEach.IsPresent } else { , @($null) }
    foreach ($item in $items) {
        # Names are expanded where the data is visible: the block's discovery scope, plus the It's own data.
        $expanded = Expand-ShimName $Name
        if ($hasForEach) {
            $expanded = & $script:EnterScope {
                param($state)
                    Set-ShimData $state.Item $true
                Expand-ShimName $state.Name
            } @{ Name = $Name; Item = $item }
        }
        $skipReason = if ($Skip) { 'skipped with -Skip' } elseif ($Pending) { 'pending' } elseif ($null -eq $Test) { 'the It has no script block' } else { $null }
        $parent.Children.Add(@{
                Kind        = 'Test'
                Name        = $expanded
                Path        = @($parent.Path) + $expanded
                ScriptBlock = $Test
                Block       = $parent
                Data        = $item
                HasData     = $hasForEach
                Skip        = $null -ne $skipReason -or $parent.Skip
                SkipReason  = if ($null -ne $skipReason) { $skipReason } else { 'its block was skipped with -Skip' }
                Tag         = $Tag
                File        = if ($null -ne $Test) { $Test.File } else { $MyInvocation.ScriptName }
                Line        = if ($null -ne $Test) { $Test.StartPosition.StartLine } else { $MyInvocation.ScriptLineNumber }
                Result      = 'NotRun'
                Failures    = [System.Collections.Generic.List[object]]::new()
                Duration    = [timespan]::Zero
            })
    }
}

function Add-ShimSetup([string] $Kind, [scriptblock] $ScriptBlock) {
    if ($null -eq $script:Discovering) {
        throw "$Kind can only be used in a Describe or Context block, or at the top of a test file."
    }
    $script:Discovering[$Kind].Add($ScriptBlock)
}

function BeforeAll { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Add-ShimSetup BeforeAll $Scriptblock }
function AfterAll { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Add-ShimSetup AfterAll $Scriptblock }
function BeforeEach { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Add-ShimSetup BeforeEach $Scriptblock }
function AfterEach { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) Add-ShimSetup AfterEach $Scriptblock }

function BeforeDiscovery {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock)
    # Runs now, in the scope of the code that called it (the file or a block body), as in Pester 5.
    $null = . $Scriptblock
}

function Set-ItResult {
    [CmdletBinding()]
    param([switch] $Inconclusive, [switch] $Pending, [switch] $Skipped, [string] $Because)
    $kind = if ($Inconclusive) { 'inconclusive' } elseif ($Pending) { 'pending' } else { 'skipped' }
    $reason = if ($Because) { "$kind, because $Because" } else { $kind }
    $record = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new($reason), 'PesterTestSkipped', 'NotSpecified', $null)
    throw $record
}

# ---------------------------------------------------------------------------------------------- run

function Add-ShimFailure($Test, [System.Management.Automation.ErrorRecord] $ErrorRecord, [string] $Where) {
    $target = $ErrorRecord.TargetObject
    if ($target -is [System.Collections.IDictionary] -and $target.Contains('PesterShimRecorded')) {
        return # a failed Should already recorded itself
    }
    $info = $ErrorRecord.InvocationInfo
    $Test.Failures.Add(@{
            Message    = if ($Where) { "$Where failed: $($ErrorRecord.Exception.Message)" } else { $ErrorRecord.Exception.Message }
            File       = if ($null -ne $info) { $info.ScriptName } else { $null }
            Line       = if ($null -ne $info) { $info.ScriptLineNumber } else { 0 }
            StackTrace = $ErrorRecord.ScriptStackTrace
            ErrorId    = $ErrorRecord.FullyQualifiedErrorId
        })
}

function Get-ShimTests($Block) {
    foreach ($child in $Block.Children) {
        if ($child.Kind -eq 'Test') { $child } else { Get-ShimTests $child }
    }
}

function Set-ShimBlockFailed($Block, [System.Management.Automation.ErrorRecord] $ErrorRecord, [string] $Where, [bool] $OnlyNotRun) {
    foreach ($test in @(Get-ShimTests $Block)) {
        if ($test.Result -eq 'Skipped') { continue }
        if ($OnlyNotRun -and $test.Result -ne 'NotRun') { continue }
        Add-ShimFailure $test $ErrorRecord $Where
        $test.Result = 'Failed'
    }
}

function Invoke-ShimBlock($Block) {
    $tests = @(Get-ShimTests $Block)
    if ($tests.Count -eq 0) { return }
    if ($Block.Skip -or @($tests | Where-Object { -not $_.Skip }).Count -eq 0) {
        foreach ($test in $tests) { $test.Result = 'Skipped' }
        return
    }

    & $script:EnterScope {
        param($block)
        Set-ShimData $block.Data $block.HasData
        $ownsDrive = $false
        if ($null -eq $block.Parent -or $null -eq $block.Parent.Parent) {
            # The file and each top-level block get a fresh $TestDrive directory, removed when the block ends.
            $block.TestDrive = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'PesterShim-' + [guid]::NewGuid().ToString('N'))
            $null = [System.IO.Directory]::CreateDirectory($block.TestDrive)
            $script:UserState.PSVariable.Set('TestDrive', $block.TestDrive)
            $ownsDrive = $true
        }
        try {
            $step = 'BeforeAll'
            try {
                foreach ($setup in $block.BeforeAll) { $null = . $setup }
                $step = $null
                foreach ($child in $block.Children) {
                    if ($child.Kind -eq 'Test') { Invoke-ShimTest $child } else { Invoke-ShimBlock $child }
                }
            }
            catch {
                Set-ShimBlockFailed $block $_ $step $true
            }
            finally {
                foreach ($teardown in $block.AfterAll) {
                    try { $null = . $teardown }
                    catch { Set-ShimBlockFailed $block $_ 'AfterAll' $false }
                }
            }
        }
        finally {
            if ($ownsDrive) {
                try { [System.IO.Directory]::Delete($block.TestDrive, $true) } catch { }
            }
        }
    } $Block
}

function Invoke-ShimTest($Test) {
    if ($Test.Skip) {
        $Test.Result = 'Skipped'
        return
    }

    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    & $script:EnterScope {
        param($test)
        Set-ShimData $test.Data $test.HasData
        $chain = [System.Collections.Generic.List[hashtable]]::new()
        for ($b = $test.Block; $null -ne $b; $b = $b.Parent) { $chain.Insert(0, $b) }
        $script:CurrentTest = $test
        $skipped = $null
        try {
            $step = 'BeforeEach'
            foreach ($b in $chain) {
                foreach ($setup in $b.BeforeEach) { $null = . $setup }
            }
            $step = $null
            $null = . $test.ScriptBlock
        }
        catch {
            if ($_.FullyQualifiedErrorId -eq 'PesterTestSkipped') { $skipped = $_.Exception.Message }
            else { Add-ShimFailure $test $_ $step }
        }
        finally {
            for ($i = $chain.Count - 1; $i -ge 0; $i--) {
                foreach ($teardown in $chain[$i].AfterEach) {
                    try { $null = . $teardown }
                    catch { Add-ShimFailure $test $_ 'AfterEach' }
                }
            }
            $script:CurrentTest = $null
        }
        if ($test.Failures.Count -gt 0) { $test.Result = 'Failed' }
        elseif ($null -ne $skipped) { $test.Result = 'Skipped'; $test.SkipReason = $skipped }
        else { $test.Result = 'Passed' }
    } $Test
    $Test.Duration = $watch.Elapsed
}

# The -Tag values of a test and its blocks, outermost first.
function Get-ShimTags($Test) {
    $tags = [System.Collections.Generic.List[string]]::new()
    foreach ($t in @($Test.Tag)) { if ($t) { $tags.Add($t) } }
    for ($b = $Test.Block; $null -ne $b; $b = $b.Parent) {
        $own = @(@($b.Tag) | Where-Object { $_ })
        if ($own.Count -gt 0) { $tags.InsertRange(0, [string[]] $own) }
    }
    , $tags.ToArray()
}

<#
.SYNOPSIS
Discovers (and unless -DiscoveryOnly, runs) one test file; returns one object per It.
Used by the xunit glue; the objects carry Path (names from the top block down), Result, Failures, File, Line.
#>
function Invoke-PesterShimFile {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path, [switch] $DiscoveryOnly)

    $script:UserState = $PSCmdlet.SessionState
    # Script blocks created by evaluating a literal in the caller's session state are bound to it.
    $script:EnterScope = $ExecutionContext.InvokeCommand.InvokeScript($script:UserState,
        [scriptblock]::Create('{ param($__PesterShimAction, $__PesterShimState) & $__PesterShimAction $__PesterShimState }'), @())[0]
    # A script file run from module code would run in the module's session state; this runs it in the caller's.
    $script:RunFile = $ExecutionContext.InvokeCommand.InvokeScript($script:UserState,
        [scriptblock]::Create('{ param($__PesterShimPath) $null = . $__PesterShimPath }'), @())[0]
    $parseErrors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $null, [ref] $parseErrors)
    if ($parseErrors.Count -gt 0) {
        throw [System.Management.Automation.ParseException]::new($parseErrors)
    }

    $root = New-ShimBlock -Name '' -Path @() -ScriptBlock $null -Parent $null -Data $null -HasData $false -Skip $false -Tag @()
    $script:Discovering = $root
    try {
        & $script:EnterScope $script:RunFile $Path
    }
    finally {
        $script:Discovering = $null
    }

    if (-not $DiscoveryOnly) {
        Invoke-ShimBlock $root
    }

    foreach ($test in @(Get-ShimTests $root)) {
        [pscustomobject]@{
            Path       = [string[]] $test.Path
            Result     = $test.Result
            SkipReason = $test.SkipReason
            Skip       = $test.Skip
            Failures   = @($test.Failures | ForEach-Object { [pscustomobject] $_ })
            File       = $test.File
            Line       = $test.Line
            Tag        = Get-ShimTags $test
            Duration   = $test.Duration
        }
    }
}

# ---------------------------------------------------------------------------------------------- Should

function Format-ShimValue($Value) {
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [bool]) { return '$' + $Value.ToString().ToLowerInvariant() }
    if ($Value -is [string]) { if ($Value -eq '') { return '<empty>' } return "'$Value'" }
    if ($Value -is [datetime]) { return $Value.ToString('o') }
    if ($Value -is [type]) { return "[$Value]" }
    if ($Value -is [scriptblock]) { return "{$Value}" }
    if ($Value -is [System.ValueType]) { return [string] $Value }
    if ($Value -is [System.Collections.IDictionary]) { return [string] $Value }
    if (Test-ShimCollection $Value) {
        $parts = [System.Collections.Generic.List[string]]::new()
        $count = 0
        foreach ($v in $Value) {
            if ($count -lt 10) { $parts.Add((Format-ShimValue $v)) }
            $count++
        }
        $more = if ($count -gt 10) { ", ...$($count - 10) more" } else { '' }
        return '@(' + ($parts -join ', ') + $more + ')'
    }
    return [string] $Value
}

function Test-ShimCollection($Value) {
    if ($null -eq $Value -or $Value -is [System.ValueType] -or $Value -is [string]) { return $false }
    # PowerShell enumerates it (an array, list or other IEnumerable) when it is not the same object after unrolling.
    -not [object]::ReferenceEquals($Value, $($Value))
}

function Format-ShimBecause([string] $Because) {
    if ([string]::IsNullOrWhiteSpace($Because)) { return '' }
    " because $($Because.Trim() -replace 'because\s'),"
}

function Test-ShimNullOrEmptyArray([object[]] $Array) {
    $null -eq $Array -or $Array.Count -eq 0 -or ($Array.Count -eq 1 -and $null -eq $Array[0])
}

# Pester's equality: both sides as arrays, element by element, nested arrays recursively, the expected value
# on the left of -eq (so the actual value converts to the expected value's type).
function Test-ShimEqual([object[]] $Actual, [object[]] $Expected, [bool] $CaseSensitive, [int] $Depth = 0) {
    if ($Depth -gt 100) { throw 'Reached the recursion depth limit of 100 when comparing arrays. Is one of them cyclic?' }
    $actualEmpty = Test-ShimNullOrEmptyArray @($Actual)
    $expectedEmpty = Test-ShimNullOrEmptyArray @($Expected)
    if ($actualEmpty -or $expectedEmpty) { return $actualEmpty -and $expectedEmpty }
    if ($Actual.Count -ne $Expected.Count) { return $false }
    for ($i = 0; $i -lt $Actual.Count; $i++) {
        $a = $Actual[$i]
        $e = $Expected[$i]
        if ($a -is [array] -or $e -is [array]) {
            if (-not (Test-ShimEqual $a $e $CaseSensitive ($Depth + 1))) { return $false }
        }
        elseif ($CaseSensitive) {
            if (-not ($e -ceq $a)) { return $false }
        }
        elseif (-not ($e -eq $a)) { return $false }
    }
    $true
}

function Get-ShimStringDifference([string] $Expected, [string] $Actual, [bool] $CaseSensitive, [string] $Because) {
    $max = [Math]::Max($Expected.Length, $Actual.Length)
    $index = -1
    for ($i = 0; $i -lt $max; $i++) {
        $e = if ($i -lt $Expected.Length) { [string] $Expected[$i] } else { $null }
        $a = if ($i -lt $Actual.Length) { [string] $Actual[$i] } else { $null }
        $differs = if ($CaseSensitive) { $e -cne $a } else { $e -ne $a }
        if ($differs) { $index = $i; break }
    }
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add("Expected strings to be the same,$(Format-ShimBecause $Because) but they were different.")
    if ($Expected.Length -ne $Actual.Length) {
        $lines.Add("Expected length: $($Expected.Length)")
        $lines.Add("Actual length:   $($Actual.Length)")
    }
    else {
        $lines.Add("String lengths are both $($Expected.Length).")
    }
    $lines.Add("Strings differ at index $index.")
    $lines.Add("Expected: '$(Expand-ShimSpecial $Expected)'")
    $lines.Add("But was:  '$(Expand-ShimSpecial $Actual)'")
    $lines.Add((' ' * 11) + ('-' * $index) + '^')
    $lines -join "`n"
}

function Expand-ShimSpecial([string] $Text) {
    $Text -replace "`n", '\n' -replace "`r", '\r' -replace "`t", '\t' -replace "`0", '\0' -replace "`b", '\b'
}

function Join-ShimAnd([string[]] $Items) {
    if ($Items.Count -le 1) { return ($Items -join '') }
    (($Items[0..($Items.Count - 2)]) -join ', ') + ' and ' + $Items[-1]
}

# Each operator: its parameters in positional order (switches last) and whether it takes the whole pipeline
# input as one array (Pester's SupportsArrayInput) rather than one assertion per item.
$script:ShouldOperators = [ordered]@{
    Be               = @{ Parameters = @('ExpectedValue', 'Because'); ArrayInput = $true; Alias = 'EQ' }
    BeExactly        = @{ Parameters = @('ExpectedValue', 'Because'); ArrayInput = $true; Alias = 'CEQ' }
    BeGreaterThan    = @{ Parameters = @('ExpectedValue', 'Because'); Alias = 'GT' }
    BeLessThan       = @{ Parameters = @('ExpectedValue', 'Because'); Alias = 'LT' }
    BeGreaterOrEqual = @{ Parameters = @('ExpectedValue', 'Because'); Alias = 'GE' }
    BeLessOrEqual    = @{ Parameters = @('ExpectedValue', 'Because'); Alias = 'LE' }
    BeLike           = @{ Parameters = @('ExpectedValue', 'Because') }
    BeLikeExactly    = @{ Parameters = @('ExpectedValue', 'Because') }
    Match            = @{ Parameters = @('RegularExpression', 'Because') }
    MatchExactly     = @{ Parameters = @('RegularExpression', 'Because'); Alias = 'CMATCH' }
    Contain          = @{ Parameters = @('ExpectedValue', 'Because'); ArrayInput = $true }
    BeIn             = @{ Parameters = @('ExpectedValue', 'Because') }
    HaveCount        = @{ Parameters = @('ExpectedValue', 'Because'); ArrayInput = $true }
    BeOfType         = @{ Parameters = @('ExpectedType', 'Because'); Alias = 'HaveType' }
    BeTrue           = @{ Parameters = @('Because') }
    BeFalse          = @{ Parameters = @('Because') }
    BeNullOrEmpty    = @{ Parameters = @('Because'); ArrayInput = $true }
    Exist            = @{ Parameters = @('Because') }
    Throw            = @{ Parameters = @('ExpectedMessage', 'ErrorId', 'ExceptionType', 'Because'); Switches = @('PassThru') }
}

# Should's parameter block, one parameter set per operator as in Pester 5, written out from the table above.
function New-ShimShouldParameters {
    $sets = @{}
    foreach ($op in $script:ShouldOperators.Keys) {
        $entry = $script:ShouldOperators[$op]
        $position = 0
        foreach ($p in $entry.Parameters) {
            if (-not $sets.Contains($p)) { $sets[$p] = [System.Collections.Generic.List[string]]::new() }
            $sets[$p].Add("[Parameter(ParameterSetName = '$op', Position = $position)]")
            $position++
        }
        foreach ($p in @($entry.Switches)) {
            if (-not $p) { continue }
            if (-not $sets.Contains($p)) { $sets[$p] = [System.Collections.Generic.List[string]]::new() }
            $sets[$p].Add("[Parameter(ParameterSetName = '$op')]")
        }
    }
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add('[Parameter(ValueFromPipeline = $true, ValueFromRemainingArguments = $true)] [object] $ActualValue')
    foreach ($op in $script:ShouldOperators.Keys) {
        $alias = $script:ShouldOperators[$op].Alias
        $aliasText = if ($alias) { "[Alias('$alias')] " } else { '' }
        $lines.Add("[Parameter(Mandatory = `$true, ParameterSetName = '$op')] $aliasText[switch] `$$op")
    }
    $notSets = ($script:ShouldOperators.Keys | ForEach-Object { "[Parameter(ParameterSetName = '$_')]" }) -join ' '
    $lines.Add("$notSets [switch] `$Not")
    foreach ($p in $sets.Keys) {
        $type = if ($p -eq 'PassThru') { '[switch]' } else { '[object]' }
        $lines.Add("$($sets[$p] -join ' ') $type `$$p")
    }
    $lines -join ",`n"
}

$shouldText = @"
function Should {
    [CmdletBinding()]
    param(
$(New-ShimShouldParameters)
    )
    begin { `$inputItems = [System.Collections.Generic.List[object]]::new() }
    process { `$inputItems.Add(`$ActualValue) }
    end { Invoke-ShimShould -Operator `$PSCmdlet.ParameterSetName -Items `$inputItems -Bound `$PSBoundParameters -Invocation `$MyInvocation }
}
"@
. ([scriptblock]::Create($shouldText))
$ExecutionContext.SessionState.PSVariable.Remove('shouldText')

function Invoke-ShimShould([string] $Operator, $Items, $Bound, $Invocation) {
    $entry = $script:ShouldOperators[$Operator]
    $negate = $Bound.ContainsKey('Not') -and [bool] $Bound['Not']
    $options = @{}
    foreach ($p in $entry.Parameters) { if ($Bound.ContainsKey($p)) { $options[$p] = $Bound[$p] } }
    foreach ($p in @($entry.Switches)) { if ($p -and $Bound.ContainsKey($p)) { $options[$p] = [bool] $Bound[$p] } }

    $values = if ($Items.Count -eq 0) { , @(, $null) }
    elseif ($entry.ArrayInput) { , @(, $Items.ToArray()) }
    else { , $Items.ToArray() }

    foreach ($value in $values) {
        $outcome = & "Test-Should$Operator" -ActualValue $value -Negate $negate -Options $options
        if ($outcome.Failed) {
            Stop-ShimShould -Message $outcome.Message -Invocation $Invocation
        }
        elseif ($null -ne $outcome.PassThru) {
            $outcome.PassThru
        }
    }
}

function Stop-ShimShould([string] $Message, $Invocation) {
    $line = $Invocation.ScriptLineNumber
    $file = $Invocation.ScriptName
    $lineText = if ($null -ne $Invocation.Line) { $Invocation.Line.TrimEnd("`r", "`n") } else { '' }
    $target = @{ Message = $Message; File = $file; Line = $line; LineText = $lineText; Terminating = $true }
    $test = $script:CurrentTest
    if ($null -ne $test -and $script:ThrowDepth -eq 0) {
        # Recorded here so a failure counts even when the test's own code catches the exception.
        $test.Failures.Add(@{ Message = $Message; File = $file; Line = $line; StackTrace = "at <ScriptBlock>, ${file}: line $line"; ErrorId = 'PesterAssertionFailed' })
        $target['PesterShimRecorded'] = $true
    }
    $exception = [System.Exception]::new($Message)
    throw [System.Management.Automation.ErrorRecord]::new($exception, 'PesterAssertionFailed', 'InvalidResult', $target)
}

function New-ShimOutcome([bool] $Succeeded, [string] $Message) { @{ Failed = -not $Succeeded; Message = $Message } }

function Test-ShouldBe($ActualValue, [bool] $Negate, $Options) {
    $expected = $Options['ExpectedValue']
    $ok = (Test-ShimEqual $ActualValue $expected $false) -xor $Negate
    if ($ok) { return New-ShimOutcome $true }
    $because = Format-ShimBecause $Options['Because']
    if ($Negate) { return New-ShimOutcome $false "Expected $(Format-ShimValue $expected) to be different from the actual value,$because but got the same value." }
    $a = $($ActualValue); $e = $($expected)
    if ($a -is [string] -and $e -is [string]) { return New-ShimOutcome $false (Get-ShimStringDifference $e $a $false $Options['Because']) }
    New-ShimOutcome $false "Expected $(Format-ShimValue $e),$because but got $(Format-ShimValue $a)."
}

function Test-ShouldBeExactly($ActualValue, [bool] $Negate, $Options) {
    $expected = $Options['ExpectedValue']
    $ok = (Test-ShimEqual $ActualValue $expected $true) -xor $Negate
    if ($ok) { return New-ShimOutcome $true }
    $because = Format-ShimBecause $Options['Because']
    if ($Negate) { return New-ShimOutcome $false "Expected $(Format-ShimValue $expected) to be different from the actual value,$because but got exactly the same value." }
    $a = $($ActualValue); $e = $($expected)
    if ($a -is [string] -and $e -is [string]) { return New-ShimOutcome $false (Get-ShimStringDifference $e $a $true $Options['Because']) }
    New-ShimOutcome $false "Expected exactly $(Format-ShimValue $e),$because but got $(Format-ShimValue $a)."
}

function Test-ShimOrder($ActualValue, [bool] $Negate, $Options, [string] $Operator, [string] $Words, [string] $NegatedWords) {
    $expected = $Options['ExpectedValue']
    $ok = switch ($Operator) {
        'gt' { $ActualValue -gt $expected }
        'lt' { $ActualValue -lt $expected }
        'ge' { $ActualValue -ge $expected }
        'le' { $ActualValue -le $expected }
    }
    if ([bool] $ok -xor $Negate) { return New-ShimOutcome $true }
    $words = if ($Negate) { $NegatedWords } else { $Words }
    New-ShimOutcome $false "Expected the actual value to be $words $(Format-ShimValue $expected),$(Format-ShimBecause $Options['Because']) but got $(Format-ShimValue $ActualValue)."
}

function Test-ShouldBeGreaterThan($ActualValue, [bool] $Negate, $Options) { Test-ShimOrder $ActualValue $Negate $Options gt 'greater than' 'less than or equal to' }
function Test-ShouldBeLessThan($ActualValue, [bool] $Negate, $Options) { Test-ShimOrder $ActualValue $Negate $Options lt 'less than' 'greater than or equal to' }
function Test-ShouldBeGreaterOrEqual($ActualValue, [bool] $Negate, $Options) { Test-ShimOrder $ActualValue $Negate $Options ge 'greater than or equal to' 'less than' }
function Test-ShouldBeLessOrEqual($ActualValue, [bool] $Negate, $Options) { Test-ShimOrder $ActualValue $Negate $Options le 'less than or equal to' 'greater than' }

function Test-ShouldBeLike($ActualValue, [bool] $Negate, $Options) {
    $expected = $Options['ExpectedValue']
    if (($ActualValue -like $expected) -xor $Negate) { return New-ShimOutcome $true }
    $verb = if ($Negate) { 'to not match' } else { 'to match' }
    $but = if ($Negate) { 'but it did match.' } else { 'but it did not match.' }
    New-ShimOutcome $false "Expected like wildcard $(Format-ShimValue $expected) $verb $(Format-ShimValue $ActualValue),$(Format-ShimBecause $Options['Because']) $but"
}

function Test-ShouldBeLikeExactly($ActualValue, [bool] $Negate, $Options) {
    $expected = $Options['ExpectedValue']
    if (($ActualValue -clike $expected) -xor $Negate) { return New-ShimOutcome $true }
    $verb = if ($Negate) { 'to not match' } else { 'to match' }
    $but = if ($Negate) { 'but it did match.' } else { 'but it did not match.' }
    New-ShimOutcome $false "Expected case sensitive like wildcard $(Format-ShimValue $expected) $verb $(Format-ShimValue $ActualValue),$(Format-ShimBecause $Options['Because']) $but"
}

function Test-ShouldMatch($ActualValue, [bool] $Negate, $Options) {
    $pattern = $Options['RegularExpression']
    if (($ActualValue -match $pattern) -xor $Negate) { return New-ShimOutcome $true }
    $verb = if ($Negate) { 'to not match' } else { 'to match' }
    $but = if ($Negate) { 'but it did match.' } else { 'but it did not match.' }
    New-ShimOutcome $false "Expected regular expression $(Format-ShimValue $pattern) $verb $(Format-ShimValue $ActualValue),$(Format-ShimBecause $Options['Because']) $but"
}

function Test-ShouldMatchExactly($ActualValue, [bool] $Negate, $Options) {
    $pattern = $Options['RegularExpression']
    if (($ActualValue -cmatch $pattern) -xor $Negate) { return New-ShimOutcome $true }
    $verb = if ($Negate) { 'to not case sensitively match' } else { 'to case sensitively match' }
    $but = if ($Negate) { 'but it did match.' } else { 'but it did not match.' }
    New-ShimOutcome $false "Expected regular expression $(Format-ShimValue $pattern) $verb $(Format-ShimValue $ActualValue),$(Format-ShimBecause $Options['Because']) $but"
}

function Test-ShouldContain($ActualValue, [bool] $Negate, $Options) {
    $expected = $Options['ExpectedValue']
    if (($ActualValue -contains $expected) -xor $Negate) { return New-ShimOutcome $true }
    if ($Negate) { return New-ShimOutcome $false "Expected $(Format-ShimValue $expected) to not be found in collection $(Format-ShimValue $ActualValue),$(Format-ShimBecause $Options['Because']) but it was found." }
    New-ShimOutcome $false "Expected $(Format-ShimValue $expected) to be found in collection $(Format-ShimValue $ActualValue),$(Format-ShimBecause $Options['Because']) but it was not found."
}

function Test-ShouldBeIn($ActualValue, [bool] $Negate, $Options) {
    $expected = $Options['ExpectedValue']
    if (($expected -contains $ActualValue) -xor $Negate) { return New-ShimOutcome $true }
    if ($Negate) { return New-ShimOutcome $false "Expected collection $(Format-ShimValue $expected) to not contain $(Format-ShimValue $ActualValue),$(Format-ShimBecause $Options['Because']) but it was found." }
    New-ShimOutcome $false "Expected collection $(Format-ShimValue $expected) to contain $(Format-ShimValue $ActualValue),$(Format-ShimBecause $Options['Because']) but it was not found."
}

function Test-ShouldHaveCount($ActualValue, [bool] $Negate, $Options) {
    [int] $expected = $Options['ExpectedValue']
    if ($expected -lt 0) { throw [System.ArgumentException] 'Excpected collection size must be greater than or equal to 0.' }
    $count = if ($null -eq $ActualValue) { 0 } else { $ActualValue.Count }
    if (($count -eq $expected) -xor $Negate) { return New-ShimOutcome $true }
    $because = Format-ShimBecause $Options['Because']
    if ($Negate) {
        $expect = if ($expected -eq 0) { 'Expected a non-empty collection' } else { "Expected a collection with size different from $(Format-ShimValue $expected)" }
        $but = if ($count -ne 0) { "but got collection with that size $(Format-ShimValue $ActualValue)." } else { 'but got an empty collection.' }
    }
    else {
        $expect = if ($expected -eq 0) { 'Expected an empty collection' } else { "Expected a collection with size $(Format-ShimValue $expected)" }
        $but = if ($count -ne 0) { "but got collection with size $(Format-ShimValue $count) $(Format-ShimValue $ActualValue)." } else { 'but got an empty collection.' }
    }
    New-ShimOutcome $false "$expect,$because $but"
}

function Test-ShouldBeOfType($ActualValue, [bool] $Negate, $Options) {
    $type = $Options['ExpectedType']
    if ($type -is [string]) {
        $name = $type -replace '^\[(.*)\]$', '$1'
        $parsed = $name -as [type]
        if ($null -eq $parsed) { throw [System.ArgumentException] "Could not find type [$name]. Make sure that the assembly that contains that type is loaded." }
        $type = $parsed
    }
    if (($ActualValue -is $type) -xor $Negate) { return New-ShimOutcome $true }
    $actualType = if ($null -ne $ActualValue) { $ActualValue.GetType() } else { $null }
    $actualTypeText = if ($null -ne $actualType) { Format-ShimValue $actualType } else { '<none>' }
    $not = if ($Negate) { 'not ' } else { '' }
    New-ShimOutcome $false "Expected the value to ${not}have type $(Format-ShimValue $type) or any of its subtypes,$(Format-ShimBecause $Options['Because']) but got $(Format-ShimValue $ActualValue) with type $actualTypeText."
}

function Test-ShouldBeTrue($ActualValue, [bool] $Negate, $Options) {
    if ($Negate) { return Test-ShouldBeFalse $ActualValue $false $Options }
    if ($ActualValue) { return New-ShimOutcome $true }
    New-ShimOutcome $false "Expected `$true,$(Format-ShimBecause $Options['Because']) but got $(Format-ShimValue $ActualValue)."
}

function Test-ShouldBeFalse($ActualValue, [bool] $Negate, $Options) {
    if ($Negate) { return Test-ShouldBeTrue $ActualValue $false $Options }
    if (-not $ActualValue) { return New-ShimOutcome $true }
    New-ShimOutcome $false "Expected `$false,$(Format-ShimBecause $Options['Because']) but got $(Format-ShimValue $ActualValue)."
}

function Test-ShouldBeNullOrEmpty($ActualValue, [bool] $Negate, $Options) {
    $empty = if ($null -eq $ActualValue -or $ActualValue.Count -eq 0) { $true }
    elseif ($ActualValue.Count -eq 1) {
        $single = $ActualValue[0]
        if ($single -is [hashtable]) { $single.Count -eq 0 } else { [string]::IsNullOrEmpty($single) }
    }
    else { $false }
    if ($empty -xor $Negate) { return New-ShimOutcome $true }
    if ($Negate) { return New-ShimOutcome $false "Expected a value,$(Format-ShimBecause $Options['Because']) but got `$null or empty." }
    New-ShimOutcome $false "Expected `$null or empty,$(Format-ShimBecause $Options['Because']) but got $(Format-ShimValue $ActualValue)."
}

function Test-ShouldExist($ActualValue, [bool] $Negate, $Options) {
    # What Test-Path does, through the provider API (Test-Path itself is not in a hosted runspace).
    $exists = $false
    if (-not [string]::IsNullOrEmpty($ActualValue)) {
        try { $exists = $ExecutionContext.InvokeProvider.Item.Exists([string] $ActualValue) } catch { $exists = $false }
    }
    if ($exists -xor $Negate) { return New-ShimOutcome $true }
    if ($Negate) { return New-ShimOutcome $false "Expected path $(Format-ShimValue $ActualValue) to not exist,$(Format-ShimBecause $Options['Because']) but it did exist." }
    New-ShimOutcome $false "Expected path $(Format-ShimValue $ActualValue) to exist,$(Format-ShimBecause $Options['Because']) but it did not exist."
}

function Test-ShouldThrow($ActualValue, [bool] $Negate, $Options) {
    if ($ActualValue -isnot [scriptblock]) {
        throw [System.ArgumentException] "Input is missing or not a ScriptBlock. Input to '-Throw' and '-Not -Throw' must be enclosed in curly braces."
    }
    $thrown = $false
    $errorRecord = $null
    $script:ThrowDepth++
    try {
        $null = & $ActualValue
    }
    catch {
        $thrown = $true
        $errorRecord = $_
    }
    finally {
        $script:ThrowDepth--
    }
    $message = if ($thrown) { $errorRecord.Exception.Message } else { '' }
    $where = ''
    if ($thrown) {
        $nl = [System.Environment]::NewLine
        $position = ((($errorRecord.InvocationInfo.PositionMessage -split '\r?\n') -match '\S') -join $nl) -replace '^At ', 'from '
        $where = $position -replace $nl, "$nl    "
    }
    $because = Format-ShimBecause $Options['Because']
    if ($Negate) {
        if (-not $thrown) { return New-ShimOutcome $true }
        return New-ShimOutcome $false "Expected no exception to be thrown,$because but an exception `"$message`" was thrown $where."
    }

    $filters = [System.Collections.Generic.List[string]]::new()
    $buts = [System.Collections.Generic.List[string]]::new()
    $type = $Options['ExceptionType']
    if ($null -ne $type) {
        if ($type -is [string]) { $type = ($type -replace '^\[(.*)\]$', '$1') -as [type] }
        $filters.Add("type $(Format-ShimValue $type)")
        if ($thrown -and $errorRecord.Exception -isnot $type) { $buts.Add("the exception type was $(Format-ShimValue $errorRecord.Exception.GetType())") }
    }
    $expectedMessage = [string] $Options['ExpectedMessage']
    if (-not [string]::IsNullOrWhiteSpace($expectedMessage)) {
        $filters.Add("message like $(Format-ShimValue ([System.Management.Automation.WildcardPattern]::Unescape($expectedMessage)))")
        if ($thrown -and -not ($message -like $expectedMessage)) { $buts.Add("the message was $(Format-ShimValue $message)") }
    }
    $errorId = [string] $Options['ErrorId']
    if (-not [string]::IsNullOrWhiteSpace($errorId)) {
        $filters.Add("FullyQualifiedErrorId $(Format-ShimValue $errorId)")
        if ($thrown -and -not ($errorRecord.FullyQualifiedErrorId -like $errorId)) { $buts.Add("the FullyQualifiedErrorId was $(Format-ShimValue $errorRecord.FullyQualifiedErrorId)") }
    }
    if (-not $thrown) { $buts.Add('no exception was thrown') }
    if ($buts.Count -gt 0) {
        $filterText = if ($filters.Count -gt 0) { ' with ' + (Join-ShimAnd $filters) } else { '' }
        return New-ShimOutcome $false "Expected an exception$filterText to be thrown,$because but $(Join-ShimAnd $buts). $where".Trim()
    }
    $outcome = New-ShimOutcome $true
    if ($Options['PassThru']) { $outcome.PassThru = $errorRecord }
    $outcome
}

Export-ModuleMember -Function Describe, Context, It, BeforeAll, AfterAll, BeforeEach, AfterEach, BeforeDiscovery, Should, Set-ItResult, Invoke-PesterShimFile
