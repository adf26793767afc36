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

    /// <summary>Forwarding of every event to a syslog server (section <c>Audit:Syslog</c>); off while no host is set.</summary>
    public SyslogOptions Syslog { get; set; } = new();
}

/// <summary>Where and how audit events are forwarded as RFC 5424 syslog over TCP.</summary>
public sealed class SyslogOptions
{
    /// <summary>The syslog server (a SIEM's collector); none, no forwarding.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 6514;

    /// <summary>TLS (RFC 5425), the server's certificate checked against the system's trusted roots; false for plain TCP (RFC 6587).</summary>
    public bool Tls { get; set; } = true;

    /// <summary>The HOSTNAME field of each message; this machine's name when not set.</summary>
    public string? Hostname { get; set; }

    /// <summary>The private enterprise number in the structured data's id (<c>audit@N</c>); 32473 is the one RFC 5612 reserves for documentation.</summary>
    public int EnterpriseId { get; set; } = 32473;
}
