namespace SecureShare.Modules.Audit.Features.Retention;

/// <summary>A tenant's audit policy: how many days its events are kept (90 to 3650; 400 unless set).</summary>
public sealed record AuditPolicyDto(int RetentionDays);
