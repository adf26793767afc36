using Mediator;

namespace SecureShare.Modules.Accounts.Contracts;

/// <summary>The file quota a tenant's policy sets (MiB), or null when it keeps the installation's.</summary>
public sealed record FindFileQuota(Guid TenantId) : IQuery<int?>;
