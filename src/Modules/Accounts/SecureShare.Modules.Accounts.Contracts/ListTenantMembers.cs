using Mediator;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Contracts;

/// <summary>An enabled user of a tenant, with its security groups.</summary>
public sealed record TenantMember(Guid UserId, string DisplayName, bool IsAdmin, IReadOnlyList<Guid> GroupIds);

/// <summary>The enabled users of the ambient tenant and the names of its security groups: who could see what.</summary>
public sealed record TenantMembers(IReadOnlyList<TenantMember> Users, IReadOnlyDictionary<Guid, string> GroupNames);

public sealed record ListTenantMembers : IQuery<TenantMembers>;

/// <summary>A tenant the ambient tenant may share with.</summary>
public sealed record PartnerTenant(Guid Id, string Name, TenantState State = TenantState.Active);

/// <summary>The ambient tenant's sharing partners: an MSP's clients, or a client's MSP, by name.</summary>
public sealed record ListSharingPartners : IQuery<IReadOnlyList<PartnerTenant>>;
