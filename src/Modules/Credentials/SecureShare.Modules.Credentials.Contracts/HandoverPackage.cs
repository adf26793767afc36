using Mediator;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>
/// The keys a handover package is sealed under, derived from the password the MSP Admin chose (Bitwarden's
/// password-protected export: PBKDF2-SHA256 of the password and <see cref="Salt"/>, then HKDF to an encryption and a MAC
/// key). Derived during the request, so the job that writes the package never holds the password and runs no slow key
/// derivation inside its transaction.
/// </summary>
public sealed record HandoverKey(string Salt, int Iterations, byte[] Encryption, byte[] Authentication)
{
    public override string ToString() => Redacted.Text;
}

/// <summary>A handover password turned into its <see cref="HandoverKey"/> (fresh salt); slow on purpose.</summary>
public sealed record DeriveHandoverKey(string Password) : IQuery<HandoverKey>
{
    public override string ToString() => Redacted.Text;
}

/// <summary>
/// Sent by an MSP Admin's offboarding, in the MSP's context, before anything of the client ends: every credential the
/// client owns (with its folder paths and earlier versions) goes into a Bitwarden JSON file sealed under
/// <see cref="Key"/>, audited as exported in the client's log; the file is kept for the MSP to download (and hand to the
/// client), encrypted under the MSP's data key. A newer package for the same client replaces the older. Answers how many
/// credentials it holds.
/// </summary>
public sealed record MakeHandoverPackage(TenantInfo Client, HandoverKey Key) : ICommand<int>
{
    public override string ToString() => $"MakeHandoverPackage {{ Client = {Client.Id} }}";
}
