using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SecureShare.Modules.Audit.Features.Chain;

/// <summary>The public half of the installation's audit key, which anyone holding a signed head checks it with.</summary>
public sealed record SigningKeyDto(string KeyId, string Algorithm, string PublicKeyPem);

/// <summary>Publishes the audit signing key's public half; a public key is no secret, so no sign-in is needed.</summary>
public static class GetSigningKey
{
    /// <summary>ECDSA on P-256 with SHA-256 (JOSE's name for it).</summary>
    public const string Algorithm = "ES256";

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/signing-key", (AuditSigningKey key) => TypedResults.Ok(new SigningKeyDto(key.Id, Algorithm, key.PublicKeyPem)))
            .AllowAnonymous()
            .WithSummary("The public key (PEM) that checks the signatures of audit chain heads.");
}
