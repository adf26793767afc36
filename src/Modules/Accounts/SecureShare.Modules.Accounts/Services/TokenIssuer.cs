using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Signed bearer tokens (JWT, HMAC-SHA256) naming a server-side session, with the user, tenant, role and
/// security stamp. A token expires with its session's absolute end; the session itself may end sooner.
/// </summary>
internal sealed class TokenIssuer(AuthOptions options, TimeProvider clock)
{
    public const string TenantClaim = "tid";
    public const string RoleClaim = "role";
    public const string StampClaim = "sstamp";
    public const string SessionClaim = "sid";

    public (string Token, DateTimeOffset ExpiresAt) Issue(User user, Session session)
    {
        var now = clock.GetUtcNow();
        var expires = session.ExpiresAt;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16))),
                new Claim(TenantClaim, user.TenantId.ToString()),
                new Claim(RoleClaim, user.Role.ToString()),
                new Claim(StampClaim, user.SecurityStamp),
                new Claim(SessionClaim, session.Id.ToString()),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.SigningKeyBytes), SecurityAlgorithms.HmacSha256),
        };
        return (new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }
}
