using Mediator;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Sharing.Contracts;

/// <summary>
/// The shares of a credential of the ambient tenant whose ownership passes to a partner tenant (MSP → its client, client →
/// its MSP): the share into the new owner ends (it owns the credential now) and, when asked, the old owner keeps a share
/// (Edit, everyone there). Refused with a 409 while the credential is shared with any other tenant (they would lose it
/// unseen); any tenant off the edge is a 404. Answers the new owner.
/// </summary>
public sealed record HandOverShares(Guid CredentialId, Guid NewOwnerTenantId, bool KeepShare) : ICommand<TenantInfo>;
