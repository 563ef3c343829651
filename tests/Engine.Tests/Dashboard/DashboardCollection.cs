namespace ZarrPS.Engine.Tests.Dashboard;

/// <summary>
/// The dashboard tests watch the process-wide compute session: they run on their own, after the parallel tests, so
/// that no other test's tasks show up on their pages.
/// </summary>
[CollectionDefinition("dashboard", DisableParallelization = true)]
public sealed class DashboardCollection;
