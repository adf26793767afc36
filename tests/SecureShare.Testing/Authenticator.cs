using System.Net;
using System.Net.Http.Json;
using OtpNet;
using Shouldly;

namespace SecureShare.Testing;

/// <summary>The tests' authenticator app: enrols a user in TOTP and makes codes, at the time the test chooses.</summary>
public sealed record Authenticator(string Secret, IReadOnlyList<string> RecoveryCodes)
{
    public string CodeAt(DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(Secret)).ComputeTotp(at.UtcDateTime);

    /// <summary>Enrols the signed-in <paramref name="client"/>'s user with a code of <paramref name="at"/> (the server's time).</summary>
    public static async Task<Authenticator> EnrolAsync(HttpClient client, DateTimeOffset at)
    {
        var enrolment = await client.PostAsync("/api/v1/me/mfa/totp", null).ReadJsonAsync(HttpStatusCode.OK);
        var secret = enrolment.GetProperty("secret").GetString()!;
        var confirmed = await client.PostAsJsonAsync("/api/v1/me/mfa/totp/confirm", new { code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime) })
            .ReadJsonAsync(HttpStatusCode.OK);
        var codes = confirmed.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        codes.Count.ShouldBe(10);
        return new Authenticator(secret, codes);
    }
}
