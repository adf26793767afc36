using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace SecureShare.Testing;

/// <summary>
/// The tests' passkey: a software WebAuthn authenticator (ES256, "none" attestation) that answers creation and request
/// options as a browser's PublicKeyCredential.toJSON() does, for the origin the test says the page was on.
/// </summary>
public sealed class SoftPasskey(string origin = "http://localhost") : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private byte[] _userHandle = [];
    private uint _signCount;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>Adds this passkey to the signed-in <paramref name="client"/>'s account; answers POST /me/mfa/passkeys.</summary>
    public async Task<JsonElement> RegisterAsync(HttpClient client, string name = "Test key")
    {
        var options = await client.PostAsync("/api/v1/me/mfa/passkeys/options", null).ReadJsonAsync(HttpStatusCode.OK);
        return await client.PostAsJsonAsync("/api/v1/me/mfa/passkeys", new { name, credential = Create(options.GetProperty("publicKey")) }).ReadJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>The answer to creation options (<c>publicKey</c> of POST /me/mfa/passkeys/options).</summary>
    public object Create(JsonElement options)
    {
        _userHandle = WebEncoders.Base64UrlDecode(options.GetProperty("user").GetProperty("id").GetString()!);
        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!);
        var point = _key.ExportParameters(false).Q;
        var cose = new CborWriter();
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2); // kty: EC2
        cose.WriteInt32(3);
        cose.WriteInt32(-7); // alg: ES256
        cose.WriteInt32(-1);
        cose.WriteInt32(1); // crv: P-256
        cose.WriteInt32(-2);
        cose.WriteByteString(point.X!);
        cose.WriteInt32(-3);
        cose.WriteByteString(point.Y!);
        cose.WriteEndMap();
        var attested = new List<byte>();
        attested.AddRange(new byte[16]); // AAGUID: none said
        attested.Add((byte)(CredentialId.Length >> 8));
        attested.Add((byte)CredentialId.Length);
        attested.AddRange(CredentialId);
        attested.AddRange(cose.Encode());
        var authData = AuthenticatorData(options.GetProperty("rp").GetProperty("id").GetString()!, 0x45, [.. attested]);
        var attestation = new CborWriter();
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authData);
        attestation.WriteEndMap();
        return new
        {
            id = B64(CredentialId), rawId = B64(CredentialId), type = "public-key",
            response = new { clientDataJSON = B64(clientData), attestationObject = B64(attestation.Encode()), transports = new[] { "internal" } },
            clientExtensionResults = new { },
        };
    }

    /// <summary>The answer to request options (<c>publicKey</c> of POST /auth/mfa/passkey/options): a signature over their challenge.</summary>
    public object Get(JsonElement options)
    {
        var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!);
        var authData = AuthenticatorData(options.GetProperty("rpId").GetString()!, 0x05, []);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new
        {
            id = B64(CredentialId), rawId = B64(CredentialId), type = "public-key",
            response = new { clientDataJSON = B64(clientData), authenticatorData = B64(authData), signature = B64(signature), userHandle = B64(_userHandle) },
            clientExtensionResults = new { },
        };
    }

    /// <summary>Signs in with a password and this passkey: the login answer of POST /auth/mfa/passkey.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient anonymous, string email, string password)
    {
        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password }).ReadJsonAsync(HttpStatusCode.OK);
        var token = login.GetProperty("mfaToken").GetString()!;
        var options = await anonymous.PostAsJsonAsync("/api/v1/auth/mfa/passkey/options", new { mfaToken = token }).ReadJsonAsync(HttpStatusCode.OK);
        return await anonymous.PostAsJsonAsync("/api/v1/auth/mfa/passkey", new { mfaToken = token, credential = Get(options.GetProperty("publicKey")) });
    }

    public void Dispose() => _key.Dispose();

    private byte[] ClientData(string type, string challenge) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, challenge, origin, crossOrigin = false }));

    private byte[] AuthenticatorData(string rpId, byte flags, byte[] attested)
    {
        var count = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, ++_signCount);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. count, .. attested];
    }

    private static string B64(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);
}
