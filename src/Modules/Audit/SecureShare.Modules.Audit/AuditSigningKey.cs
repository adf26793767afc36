using System.Security.Cryptography;

namespace SecureShare.Modules.Audit;

/// <summary>
/// The installation's key that signs audit chain heads: ECDSA on P-256 with SHA-256, the signature DER-encoded
/// (RFC 3279, what <c>openssl dgst -verify</c> reads). Kept outside the database like the master key; its public
/// half is published at <c>GET /api/v1/audit/signing-key</c>. Its id is a fingerprint of the public key.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key)
    {
        _key = key;
        var publicKey = key.ExportSubjectPublicKeyInfo();
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", publicKey);
        Id = Convert.ToHexString(SHA256.HashData(publicKey).AsSpan(0, 8)).ToLowerInvariant();
    }

    public string Id { get; }

    public string PublicKeyPem { get; }

    /// <summary>A key from its PKCS#8 form (base64), as configured or kept in the key file.</summary>
    public static AuditSigningKey FromPkcs8(string base64)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(base64.Trim()), out _);
        if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != "1.2.840.10045.3.1.7")
        {
            throw new CryptographicException("The audit signing key must be an ECDSA key on P-256.");
        }

        return new AuditSigningKey(key);
    }

    /// <summary>A new key, in PKCS#8 form (base64), for the key file.</summary>
    public static string GeneratePkcs8()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
    }

    /// <summary>A tenant's chain head (<see cref="Domain.AuditChain.HeadMessage"/>) signed at <paramref name="at"/>.</summary>
    internal byte[] SignHead(Domain.AuditChainHead head, DateTimeOffset at) =>
        _key.SignData(Domain.AuditChain.HeadMessage(head.TenantId, head.Index, head.Hash, head.StartIndex, head.StartHash, at), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>Whether the stored head is as this key signed it: nothing moved its position, hash or start since.</summary>
    internal bool Signed(Domain.AuditChainHead head) =>
        head.KeyId == Id && head.Hash.Length == 32 && head.StartHash is null or { Length: 32 }
        && _key.VerifyData(Domain.AuditChain.HeadMessage(head.TenantId, head.Index, head.Hash, head.StartIndex, head.StartHash, head.SignedAt),
            head.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();
}
