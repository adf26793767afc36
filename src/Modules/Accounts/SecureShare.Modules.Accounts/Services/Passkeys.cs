using System.Net;
using System.Text.Json;
using Fido2NetLib;
using SecureShare.BuildingBlocks.Web;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// WebAuthn for this installation (Fido2): the relying party is the host of PublicBaseUrl, and the one origin a browser
/// may answer from is PublicBaseUrl's. A loopback address (a machine trying SecureShare out) stands for <c>localhost</c>,
/// since WebAuthn takes no IP address as a relying party.
/// </summary>
internal sealed class Passkeys(PublicAddress address)
{
    /// <summary>A user's passkeys at most: each is listed in every sign-in's options.</summary>
    public const int MaxPerUser = 20;

    /// <summary>How long a registration's options stay answerable.</summary>
    public static readonly TimeSpan CeremonyLifetime = TimeSpan.FromMinutes(5);

    public IFido2 Fido => new Fido2(ConfigurationFor(address.BaseUrl));

    public static Fido2Configuration ConfigurationFor(string baseUrl)
    {
        var uri = new Uri(baseUrl);
        var origins = new HashSet<string>(StringComparer.Ordinal) { uri.GetLeftPart(UriPartial.Authority) };
        var rp = uri.IdnHost;
        if (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))
        {
            rp = "localhost";
            origins.Add(new UriBuilder(uri) { Host = rp }.Uri.GetLeftPart(UriPartial.Authority));
        }

        return new Fido2Configuration { RPID = rp, RPName = "SecureShare", Origins = origins };
    }

    /// <summary>The WebAuthn user handle: the user's id (no email or name goes to the authenticator as the handle).</summary>
    public static byte[] UserHandle(Guid userId) => userId.ToByteArray();

    /// <summary>A browser's answer (PublicKeyCredential.toJSON()) as Fido2 reads it; null when it is not one.</summary>
    public static T? Read<T>(JsonElement? credential)
        where T : class
    {
        if (credential is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        try
        {
            return value.Deserialize<T>();
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Options as the browser's WebAuthn call takes them (<c>{publicKey}</c> of navigator.credentials).</summary>
    public static PasskeyOptions Answer(string optionsJson) => new(JsonDocument.Parse(optionsJson).RootElement.Clone());
}

/// <summary>
/// The options of a WebAuthn ceremony, for <c>navigator.credentials.create</c> or <c>.get</c> after
/// <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> / <c>parseRequestOptionsFromJSON</c>.
/// </summary>
public sealed record PasskeyOptions(JsonElement PublicKey);
