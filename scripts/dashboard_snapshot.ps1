# Saves a PNG of a dashboard page, as headless Chromium shows it, once a condition holds in the page.
# The dashboard serves the computations of the session that started it: run this from another process, e.g.
#   ./zarrps -Command 'Start-XDashboard; ./scripts/chunk_experiment.ps1'     # one terminal
#   ./zarrps scripts/dashboard_snapshot.ps1 -Page tasks -Path docs/img/taskstream.png -When "document.querySelectorAll('rect.task').length > 60"
# Drives the browser over the DevTools protocol (a WebSocket): needs only chromium.
param(
    [string] $Site = 'http://127.0.0.1:8787',
    [string] $Page = 'tasks',
    [Parameter(Mandatory)] [string] $Path,
    [string] $When = 'true',
    [int] $TimeoutSeconds = 120,
    [int] $Width = 1280,
    [int] $Height = 420,
    [string] $Chromium = '/usr/bin/chromium'
)
$ErrorActionPreference = 'Stop'
if (-not [IO.File]::Exists($Chromium)) { throw "chromium is not installed at $Chromium (apt-get install -y chromium)." }

$profileDir = [IO.Directory]::CreateTempSubdirectory('zarrps-snapshot-').FullName
# A free port for the DevTools endpoint (its output is discarded: nothing needs reading from it).
$listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
$listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
$psi = [Diagnostics.ProcessStartInfo]::new($Chromium)
foreach ($a in '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--remote-debugging-address=127.0.0.1',
    "--remote-debugging-port=$port", "--user-data-dir=$profileDir", "--window-size=$Width,$Height", 'about:blank') { $psi.ArgumentList.Add($a) }
$psi.RedirectStandardError = $true
$psi.RedirectStandardOutput = $true
$browser = [Diagnostics.Process]::Start($psi)
$socket = [Net.WebSockets.ClientWebSocket]::new()
$script:id = 0

function Send-Cdp([string] $Method, [hashtable] $Params = @{}) {
    $script:id++
    $json = [Text.Json.JsonSerializer]::Serialize(@{ id = $script:id; method = $Method; params = $Params }, [Collections.Hashtable], [Text.Json.JsonSerializerOptions]::Default)
    $null = $socket.SendAsync([ArraySegment[byte]][Text.Encoding]::UTF8.GetBytes($json), 'Text', $true, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    $buffer = [byte[]]::new(1MB)
    while ($true) {
        $ms = [IO.MemoryStream]::new()
        do {
            $r = $socket.ReceiveAsync([ArraySegment[byte]]$buffer, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
            $ms.Write($buffer, 0, $r.Count)
        } while (-not $r.EndOfMessage)
        $reply = [Text.Json.Nodes.JsonNode]::Parse($ms.ToArray())
        if ($null -ne $reply['id'] -and [int]$reply['id'].ToJsonString() -eq $script:id) {
            if ($null -ne $reply['error']) { throw "$Method failed: $($reply['error'].ToJsonString())" }
            return , $reply['result']   # the comma keeps the (enumerable) JsonObject whole
        }
    }
}

function Test-Page([string] $Expression) {
    $r = Send-Cdp 'Runtime.evaluate' @{ expression = "(() => { try { return !!($Expression) } catch (e) { return false } })()"; returnByValue = $true }
    return $r['result']['value'].ToJsonString() -eq 'true'
}

try {
    $browser.BeginErrorReadLine()
    $browser.BeginOutputReadLine()
    $http = [Net.Http.HttpClient]::new()
    $targets = $null
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($null -eq $targets) {
        try { $targets = [Text.Json.Nodes.JsonNode]::Parse($http.GetStringAsync("http://127.0.0.1:$port/json/list").GetAwaiter().GetResult()) }
        catch { if ([DateTime]::UtcNow -gt $deadline -or $browser.HasExited) { throw "chromium did not open its DevTools endpoint on port $port." }; [Threading.Thread]::Sleep(200) }
    }
    # (A JsonObject is enumerable: kept out of the pipeline, which would unroll it.)
    $pageSocket = $null
    foreach ($t in $targets.AsArray()) { if ($t['type'].GetValue[string]() -eq 'page') { $pageSocket = $t['webSocketDebuggerUrl'].GetValue[string](); break } }
    $null = $socket.ConnectAsync([uri]$pageSocket, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
    $null = Send-Cdp 'Page.enable'
    $null = Send-Cdp 'Page.navigate' @{ url = "$Site/$Page" }
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (Test-Page "document.readyState === 'complete' && document.getElementById('live').textContent === 'live' && ($When)")) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "the page did not satisfy '$When' within $TimeoutSeconds s." }
        [Threading.Thread]::Sleep(200)
    }
    $shot = Send-Cdp 'Page.captureScreenshot' @{ format = 'png' }
    [IO.File]::WriteAllBytes([IO.Path]::GetFullPath($Path, $PWD.Path), [Convert]::FromBase64String($shot['data'].GetValue[string]()))
    "saved $Path"
}
catch {
    throw "$($_.Exception.Message) ($($_.InvocationInfo.PositionMessage))"
}
finally {
    $socket.Dispose()
    if (-not $browser.HasExited) { $browser.Kill($true) }
    [IO.Directory]::Delete($profileDir, $true)
}
