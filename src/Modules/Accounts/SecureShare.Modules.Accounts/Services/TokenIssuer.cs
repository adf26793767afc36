using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>Signed bearer tokens (JWT, HMAC-SHA256) with the user, tenant, role and security stamp.</summary>
internal sealed class TokenIssuer(AuthOptions options, TimeProvider clock)
{
    public const string TenantClaim = "tid";
    public const string RoleClaim = "role";
    public const string StampClaim = "sstamp";

    public (string Token, DateTimeOffset ExpiresAt) Issue(User user)
    {
        var now = clock.GetUtcNow();
        var expires = now.Add(options.TokenLifetime);
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
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.SigningKeyBytes), SecurityAlgorithms.HmacSha256),
        };
        return (new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }
}
