using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Features.Clients;

/// <summary>A client tenant of the MSP, and whether it is active or was offboarded (suspended or deleted).</summary>
public sealed record ClientDto(Guid Id, string Name, TenantState State = TenantState.Active);
