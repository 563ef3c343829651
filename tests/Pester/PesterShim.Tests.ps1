# Exercises the Pester-compatible runner itself. Written in Pester 5 syntax: it passes under real Pester 5
# as well, so every failure message asserted here is Pester 5's own wording.

BeforeAll {
    # Runs a block that must fail an assertion and returns the failure message.
    function Get-ShouldFailure([scriptblock] $Assertion) {
        $err = $Assertion | Should -Throw -PassThru
        $err.Exception.Message
    }
    $fileLevelSetup = 'file'
}

Describe 'Should -Be' {
    It 'passes on equal values, converting to the expected type' {
        3 | Should -Be 3
        '3' | Should -Be 3
        'abc' | Should -Be 'ABC'
        $null | Should -Be $null
        @(1, 2, 3) | Should -Be @(1, 2, 3)
        Should -Be 5 -ActualValue 5
    }
    It 'fails with the expected and actual values' {
        Get-ShouldFailure { 4 | Should -Be 3 } | Should -Be 'Expected 3, but got 4.'
        Get-ShouldFailure { $null | Should -Be 3 } | Should -Be 'Expected 3, but got $null.'
        Get-ShouldFailure { $true | Should -Be $false } | Should -Be 'Expected $false, but got $true.'
        Get-ShouldFailure { 4 | Should -Be 3 -Because 'it matters' } | Should -Be 'Expected 3, because it matters, but got 4.'
        Get-ShouldFailure { @(1, 2) | Should -Be @(1, 3) } | Should -Be 'Expected @(1, 3), but got @(1, 2).'
    }
    It 'describes where two strings differ' {
        $message = Get-ShouldFailure { 'abc' | Should -Be 'abd' }
        $message | Should -BeLike 'Expected strings to be the same, but they were different.*'
        $message | Should -Match 'String lengths are both 3\.'
        $message | Should -Match 'Strings differ at index 2\.'
    }
    It 'fails negated when equal' {
        Get-ShouldFailure { 3 | Should -Not -Be 3 } | Should -Be 'Expected 3 to be different from the actual value, but got the same value.'
        2 | Should -Not -Be 3
    }
}

Describe 'Should -BeExactly' {
    It 'compares strings case-sensitively' {
        'abc' | Should -BeExactly 'abc'
        'abc' | Should -Not -BeExactly 'ABC'
        Get-ShouldFailure { 3 | Should -BeExactly 4 } | Should -Be 'Expected exactly 4, but got 3.'
        Get-ShouldFailure { 'a' | Should -Not -BeExactly 'a' } | Should -Be "Expected 'a' to be different from the actual value, but got exactly the same value."
    }
}

Describe 'Should -BeTrue / -BeFalse' {
    It 'checks truthiness' {
        $true | Should -BeTrue
        1 | Should -BeTrue
        $false | Should -BeFalse
        0 | Should -BeFalse
        '' | Should -BeFalse
        $false | Should -Not -BeTrue
    }
    It 'fails with Pester wording' {
        Get-ShouldFailure { $false | Should -BeTrue } | Should -Be 'Expected $true, but got $false.'
        Get-ShouldFailure { 'x' | Should -BeFalse } | Should -Be "Expected `$false, but got 'x'."
        Get-ShouldFailure { $null | Should -BeTrue -Because 'it is set' } | Should -Be 'Expected $true, because it is set, but got $null.'
    }
}

Describe 'Should -BeNullOrEmpty' {
    It 'accepts null, empty strings and empty collections' {
        $null | Should -BeNullOrEmpty
        '' | Should -BeNullOrEmpty
        @() | Should -BeNullOrEmpty
        @{} | Should -BeNullOrEmpty
        'x' | Should -Not -BeNullOrEmpty
        @(1, 2) | Should -Not -BeNullOrEmpty
    }
    It 'fails with Pester wording' {
        Get-ShouldFailure { 'x' | Should -BeNullOrEmpty } | Should -Be "Expected `$null or empty, but got @('x')."
        Get-ShouldFailure { $null | Should -Not -BeNullOrEmpty } | Should -Be 'Expected a value, but got $null or empty.'
    }
}

Describe 'Ordering operators' {
    It 'compare numbers' {
        5 | Should -BeGreaterThan 4
        4 | Should -BeLessThan 5
        5 | Should -BeGreaterOrEqual 5
        5 | Should -BeLessOrEqual 5
        4 | Should -Not -BeGreaterThan 4
    }
    It 'fail with Pester wording' {
        Get-ShouldFailure { 3 | Should -BeGreaterThan 4 } | Should -Be 'Expected the actual value to be greater than 4, but got 3.'
        Get-ShouldFailure { 5 | Should -BeLessThan 4 } | Should -Be 'Expected the actual value to be less than 4, but got 5.'
        Get-ShouldFailure { 3 | Should -BeGreaterOrEqual 4 } | Should -Be 'Expected the actual value to be greater than or equal to 4, but got 3.'
        Get-ShouldFailure { 5 | Should -BeLessOrEqual 4 } | Should -Be 'Expected the actual value to be less than or equal to 4, but got 5.'
        Get-ShouldFailure { 5 | Should -Not -BeGreaterThan 4 } | Should -Be 'Expected the actual value to be less than or equal to 4, but got 5.'
        Get-ShouldFailure { 3 | Should -Not -BeLessThan 4 } | Should -Be 'Expected the actual value to be greater than or equal to 4, but got 3.'
    }
}

Describe 'Wildcard and regex operators' {
    It 'match' {
        'zarr.json' | Should -BeLike '*.json'
        'zarr.json' | Should -BeLike 'ZARR*'
        'zarr.json' | Should -BeLikeExactly 'zarr*'
        'chunk 4/2' | Should -Match '\d/\d'
        'ABC' | Should -MatchExactly '^A'
        'abc' | Should -Not -MatchExactly '^A'
    }
    It 'fail with Pester wording' {
        Get-ShouldFailure { 'abc' | Should -BeLike 'x*' } | Should -Be "Expected like wildcard 'x*' to match 'abc', but it did not match."
        Get-ShouldFailure { 'abc' | Should -Not -BeLike 'a*' } | Should -Be "Expected like wildcard 'a*' to not match 'abc', but it did match."
        Get-ShouldFailure { 'abc' | Should -BeLikeExactly 'A*' } | Should -Be "Expected case sensitive like wildcard 'A*' to match 'abc', but it did not match."
        Get-ShouldFailure { 'abc' | Should -Match '^x' } | Should -Be "Expected regular expression '^x' to match 'abc', but it did not match."
        Get-ShouldFailure { 'abc' | Should -Not -Match 'b' } | Should -Be "Expected regular expression 'b' to not match 'abc', but it did match."
        Get-ShouldFailure { 'abc' | Should -MatchExactly 'B' } | Should -Be "Expected regular expression 'B' to case sensitively match 'abc', but it did not match."
    }
}

Describe 'Collection operators' {
    It 'find items' {
        @(1, 2, 3) | Should -Contain 2
        @(1, 2, 3) | Should -Not -Contain 4
        2 | Should -BeIn @(1, 2, 3)
        4 | Should -Not -BeIn @(1, 2, 3)
        @(1, 2, 3) | Should -HaveCount 3
        @() | Should -HaveCount 0
    }
    It 'fail with Pester wording' {
        Get-ShouldFailure { @(1, 2, 3) | Should -Contain 4 } | Should -Be 'Expected 4 to be found in collection @(1, 2, 3), but it was not found.'
        Get-ShouldFailure { @(1, 2, 3) | Should -Not -Contain 2 } | Should -Be 'Expected 2 to not be found in collection @(1, 2, 3), but it was found.'
        Get-ShouldFailure { 4 | Should -BeIn @(1, 2) } | Should -Be 'Expected collection @(1, 2) to contain 4, but it was not found.'
        Get-ShouldFailure { @(1, 2) | Should -HaveCount 3 } | Should -Be 'Expected a collection with size 3, but got collection with size 2 @(1, 2).'
        Get-ShouldFailure { @(1) | Should -HaveCount 0 } | Should -Be 'Expected an empty collection, but got collection with size 1 @(1).'
        Get-ShouldFailure { @(1, 2) | Should -Not -HaveCount 2 } | Should -Be 'Expected a collection with size different from 2, but got collection with that size @(1, 2).'
    }
}

Describe 'Should -BeOfType' {
    It 'checks types and subtypes' {
        1 | Should -BeOfType [int]
        1 | Should -BeOfType ([System.ValueType])
        'x' | Should -BeOfType 'System.String'
        'x' | Should -Not -BeOfType [int]
    }
    It 'fails with Pester wording' {
        Get-ShouldFailure { 'x' | Should -BeOfType ([int]) } | Should -Be "Expected the value to have type [int] or any of its subtypes, but got 'x' with type [string]."
        Get-ShouldFailure { 1 | Should -Not -BeOfType ([int]) } | Should -Be 'Expected the value to not have type [int] or any of its subtypes, but got 1 with type [int].'
    }
}

Describe 'Should -Exist' {
    It 'checks paths' {
        $PSCommandPath | Should -Exist
        $PSScriptRoot | Should -Exist
        [System.IO.Path]::Combine($PSScriptRoot, 'no-such-file.txt') | Should -Not -Exist
    }
    It 'fails with Pester wording' {
        $missing = [System.IO.Path]::Combine($PSScriptRoot, 'no-such-file.txt')
        Get-ShouldFailure { $missing | Should -Exist } | Should -Be "Expected path '$missing' to exist, but it did not exist."
    }
}

Describe 'Should -Throw' {
    It 'passes when the block throws, with filters' {
        { throw 'chunk 3 is missing' } | Should -Throw
        { throw 'chunk 3 is missing' } | Should -Throw -ExpectedMessage 'chunk * is missing'
        { throw 'chunk 3 is missing' } | Should -Throw 'chunk*'
        { [int]::Parse('x') } | Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
        { throw [System.ArgumentException]::new('bad') } | Should -Throw -ExceptionType ([System.ArgumentException])
        $record = [System.Management.Automation.ErrorRecord]::new([System.IO.IOException]::new('io'), 'StoreUnreadable', 'ReadError', $null)
        { throw $record } | Should -Throw -ErrorId 'StoreUnreadable'
        { $null = 1 } | Should -Not -Throw
    }
    It 'returns the error with -PassThru' {
        $err = { throw 'boom' } | Should -Throw -PassThru
        $err | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        $err.Exception.Message | Should -Be 'boom'
    }
    It 'fails when nothing is thrown' {
        Get-ShouldFailure { { $null = 1 } | Should -Throw } | Should -Be 'Expected an exception to be thrown, but no exception was thrown.'
        Get-ShouldFailure { { $null = 1 } | Should -Throw -ExpectedMessage 'x' } | Should -Be "Expected an exception with message like 'x' to be thrown, but no exception was thrown."
    }
    It 'fails on the wrong message, id or type' {
        Get-ShouldFailure { { throw 'abc' } | Should -Throw -ExpectedMessage 'xyz' } | Should -BeLike "Expected an exception with message like 'xyz' to be thrown, but the message was 'abc'. from *"
        $record = [System.Management.Automation.ErrorRecord]::new([System.Exception]::new('m'), 'Actual', 'ReadError', $null)
        Get-ShouldFailure { { throw $record } | Should -Throw -ErrorId 'Expected' } | Should -BeLike "Expected an exception with FullyQualifiedErrorId 'Expected' to be thrown, but the FullyQualifiedErrorId was 'Actual'. from *"
        Get-ShouldFailure { { throw 'x' } | Should -Throw -ExceptionType ([System.ArgumentException]) } | Should -BeLike 'Expected an exception with type `[System.ArgumentException`] to be thrown, but the exception type was `[System.Management.Automation.RuntimeException`]. from *'
    }
    It 'fails negated when something is thrown' {
        Get-ShouldFailure { { throw 'oops' } | Should -Not -Throw } | Should -BeLike 'Expected no exception to be thrown, but an exception "oops" was thrown from *'
    }
    It 'rejects input that is not a script block' {
        { 'text' | Should -Throw } | Should -Throw -ExceptionType ([System.ArgumentException])
    }
}

Describe 'Blocks and scopes' {
    BeforeAll {
        $blockSetup = 'outer'
        $order = [System.Collections.Generic.List[string]]::new()
    }
    BeforeEach { $order.Add('outer-before') }
    AfterEach { $order.Add('outer-after') }

    It 'sees BeforeAll variables of its block and of the file' {
        $blockSetup | Should -Be 'outer'
        $fileLevelSetup | Should -Be 'file'
    }
    It 'does not see variables another It set' {
        $setByIt = 'leak'
        $blockSetup = 'changed in an It'
    }
    It 'runs after the It above without its variables' {
        $setByIt | Should -BeNullOrEmpty
        $blockSetup | Should -Be 'outer'
    }

    Context 'nested' {
        BeforeAll { $innerSetup = "$blockSetup-inner" }
        BeforeEach { $order.Add('inner-before') }
        AfterEach { $order.Add('inner-after') }
        It 'sees outer and inner BeforeAll variables' {
            $innerSetup | Should -Be 'outer-inner'
        }
        It 'runs BeforeEach outer to inner and AfterEach inner to outer' {
            $order.Clear()
            $order.Add('test')
        }
        It 'has the order of the previous It' {
            @($order)[0..2] | Should -Be @('test', 'inner-after', 'outer-after')
            @($order)[3..4] | Should -Be @('outer-before', 'inner-before')
        }
    }

    Context 'skipped' -Skip {
        BeforeAll { throw 'BeforeAll of a skipped block must not run' }
        It 'is not run' { throw 'must not run' }
    }
    It 'skipped with -Skip' -Skip { throw 'must not run' }
}

Describe 'Data-driven tests' {
    It '<a> plus <b> is <sum>' -ForEach @(
        @{ a = 1; b = 2; sum = 3 }
        @{ a = 20; b = 22; sum = 42 }
    ) {
        $a + $b | Should -Be $sum
    }
    It 'takes -TestCases as well (<name>)' -TestCases @(@{ name = 'first' }) {
        $name | Should -Be 'first'
    }
    It 'binds $_ for plain values (<_>)' -ForEach 'x', 'y' {
        $_ | Should -BeIn @('x', 'y')
    }
}

Describe 'Block data <kind>' -ForEach @(
    @{ kind = 'zarr'; extension = '.zarr' }
    @{ kind = 'netcdf'; extension = '.nc' }
) {
    BeforeAll { $fileName = "data$extension" }
    It 'sees the block data in BeforeAll and It' {
        $fileName | Should -Be "data$extension"
        $kind | Should -BeIn @('zarr', 'netcdf')
    }
    It 'can build It data from block data (<ext>)' -ForEach @(@{ ext = $extension }) {
        $ext | Should -Be $extension
    }
}

Describe 'TestDrive' {
    It 'is a directory that can be written to' {
        $TestDrive | Should -Exist
        $path = [System.IO.Path]::Combine($TestDrive, 'a.txt')
        [System.IO.File]::WriteAllText($path, 'x')
        $path | Should -Exist
    }
}
