using Mediator;

namespace SecureShare.Modules.Sharing.Contracts;

/// <summary>
/// Client offboarding's sharing part, for the MSP's Admin (the caller's tenant): every share to or from the client ends as
/// a revocation (needs rotation, both logs), with the links made of those credentials, and every folder rule between
/// the two is removed. With <see cref="DryRun"/> nothing changes and the answer says what would end.
/// </summary>
public sealed record EndPartnership(Guid ClientTenantId, bool DryRun) : ICommand<PartnershipEnded>;

/// <summary>The shares that ended (or would) each way, the links that ended with them, and the rules removed.</summary>
public sealed record PartnershipEnded(int SharedOut, int SharedIn, IReadOnlyList<Guid> CredentialIds, int LinksRevoked, int RulesRemoved);
