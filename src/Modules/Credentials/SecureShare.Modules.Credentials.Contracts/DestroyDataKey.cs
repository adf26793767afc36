using Mediator;

namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>
/// Crypto-shredding of a deleted client (sent inside its tenant's context): its data key row is destroyed, so its
/// ciphertexts (secrets, versions, file keys) can never be opened again, not even with the master key. True when it had one.
/// </summary>
public sealed record DestroyDataKey : ICommand<bool>;
