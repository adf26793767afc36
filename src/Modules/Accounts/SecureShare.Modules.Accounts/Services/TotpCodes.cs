using System.Security.Cryptography;
using OtpNet;
using QRCoder;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// TOTP as authenticator apps know it (RFC 6238: HMAC-SHA1, six digits, 30-second steps), through Otp.NET: a new
/// 160-bit seed, its <c>otpauth://</c> URI and QR code (made here, never by a third party), and a code checked against
/// the step before, the current one and the next (clock drift), answering which step matched so a replay can be refused.
/// </summary>
internal static class TotpCodes
{
    public const string Issuer = "SecureShare";

    /// <summary>The allowed drift: one step (30 s) either way.</summary>
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public static string NewSecret() => Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));

    public static string OtpauthUri(string secret, string account) =>
        new OtpUri(OtpType.Totp, secret, account, Issuer).ToString();

    /// <summary>The QR code of the URI as an SVG document, to show inline.</summary>
    public static string QrCodeSvg(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>The time step a six-digit code matches at <paramref name="now"/>, or null when it matches none in the window.</summary>
    public static long? MatchingStep(string secret, string code, DateTimeOffset now)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        return new Totp(Base32Encoding.ToBytes(secret)).VerifyTotp(now.UtcDateTime, code, out var step, Window) ? step : null;
    }

    /// <summary>Codes as people type them: spaces and dashes dropped.</summary>
    public static string Normalize(string code) => new(code.Where(c => c is not (' ' or '-')).ToArray());
}
