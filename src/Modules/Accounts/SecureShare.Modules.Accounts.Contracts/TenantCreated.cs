using Mediator;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Contracts;

/// <summary>
/// Published inside the transaction that creates a tenant, with that tenant ambient, so other
/// modules can set up what every tenant needs (its data key, for one) all-or-nothing.
/// </summary>
public sealed record TenantCreated(TenantInfo Tenant) : INotification;
