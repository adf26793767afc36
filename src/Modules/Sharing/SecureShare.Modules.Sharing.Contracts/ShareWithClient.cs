using Mediator;

namespace SecureShare.Modules.Sharing.Contracts;

/// <summary>
/// Shares these credentials of the ambient (MSP) tenant with one of its clients, with everyone there and View: how an
/// import places a client's credentials in the MSP's folder for that client, shared with it. Answers how many were shared.
/// </summary>
public sealed record ShareWithClient(Guid ClientTenantId, IReadOnlyList<Guid> CredentialIds) : ICommand<int>;
