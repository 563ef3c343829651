namespace ZarrPS.Engine.Tests.Dashboard;

/// <summary>
/// The dashboard watches every computation of the process and Get-XComputeStat reports the process's last one: the
/// dashboard tests run alone, after the others, so that no other test's tasks mix with theirs.
/// </summary>
[CollectionDefinition("dashboard", DisableParallelization = true)]
public sealed class DashboardCollection;
