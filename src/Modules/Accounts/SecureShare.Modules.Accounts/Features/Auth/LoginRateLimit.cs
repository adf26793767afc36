namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>The Host's per-IP limiter policy for sign-in.</summary>
public static class LoginRateLimit
{
    public const string Policy = "login-per-ip";
}
