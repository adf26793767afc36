using Mediator;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>
/// The keys a handover package is sealed under, derived from the password the MSP Admin chose (Bitwarden's
/// password-protected export: PBKDF2-SHA256 of the password and <see cref="Salt"/>, then HKDF to an encryption and a MAC
/// key). Derived during the request, so that no transaction waits on the slow derivation and no job holds the password.
/// </summary>
public sealed record HandoverKey(string Salt, int Iterations, byte[] Encryption, byte[] Authentication)
{
    public override string ToString() => Redacted.Text;
}

/// <summary>
/// An MSP Admin's handover password for one of its clients turned into its <see cref="HandoverKey"/> (fresh salt); slow on
/// purpose, so the client is checked first (a client of the caller's MSP, not deleted: otherwise a 404 and no derivation).
/// </summary>
public sealed record DeriveHandoverKey(Guid ClientId, string Password) : IQuery<HandoverKey>
{
    public override string ToString() => $"DeriveHandoverKey {{ ClientId = {ClientId} }}";
}

/// <summary>
/// Keeps a derived key for the offboarding job that will use it, in the MSP's tenant under its data key, for a day at most
/// (the job deletes it in its own transaction); answers the id the job is given instead of the key, so that no job
/// record — kept by the job store beyond the job — holds what opens the package.
/// </summary>
public sealed record HoldHandoverKey(Guid ClientId, HandoverKey Key) : ICommand<Guid>
{
    public override string ToString() => $"HoldHandoverKey {{ ClientId = {ClientId} }}";
}

/// <summary>
/// Sent by an MSP Admin's offboarding, in the MSP's context, before anything of the client ends: every credential the
/// client owns (with its folder paths and earlier versions) goes into a Bitwarden JSON file sealed under the key held as
/// <see cref="HandoverId"/>, audited as exported in the client's log; the file is kept for the MSP to download (and hand
/// to the client), encrypted under the MSP's data key, replacing any older package of the client, and the key is dropped.
/// Answers how many credentials it holds.
/// </summary>
public sealed record MakeHandoverPackage(TenantInfo Client, Guid HandoverId) : ICommand<int>
{
    public override string ToString() => $"MakeHandoverPackage {{ Client = {Client.Id} }}";
}
