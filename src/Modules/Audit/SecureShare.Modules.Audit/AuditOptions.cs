namespace SecureShare.Modules.Audit;

/// <summary>The audit log's settings (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How old an event is before the sealer links it: room for the transactions still writing around it.</summary>
    public TimeSpan SealAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest a write transaction runs (database clocks and host clocks included). The sealer counts on it to
    /// know which events are committed; verify accepts an event linked at most this much out of time order.
    /// </summary>
    public TimeSpan MaxTransactionTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest an event may stay unlinked; verify reports an older unlinked event as a break.</summary>
    public TimeSpan UnsealedBound { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Events linked in one statement (and one transaction) of the sealer.</summary>
    public int SealBatch { get; set; } = 5000;
}
