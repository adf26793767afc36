using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Credentials;

namespace SecureShare.Modules.Credentials.Domain;

/// <summary>
/// Whether a change rotates a credential: its kind's secret took a new value (a password's or API secret's secret, a
/// note's text). Only a rotation clears "needs rotation" and ends what earlier readers knew; every change of the secret
/// values (notes, TOTP seed, secret fields) is still kept as a version.
/// </summary>
internal static class CredentialRotation
{
    public static bool Rotates(CredentialKind kind, SecretDto before, SecretDto after) => kind switch
    {
        CredentialKind.Note => !string.Equals(before.Notes, after.Notes, StringComparison.Ordinal),
        _ => !string.Equals(before.Secret, after.Secret, StringComparison.Ordinal),
    };
}
