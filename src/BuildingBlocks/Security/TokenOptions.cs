namespace SecureShare.BuildingBlocks.Security;

/// <summary>Configuration section "Auth": bearer token signing and login protection.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public const string Issuer = "secureshare";
    public const string Audience = "secureshare-api";

    /// <summary>HMAC-SHA256 key, base64, at least 32 bytes. Empty: a key file in the data folder is used (made on first start).</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public int MaxFailedLogins { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Login attempts per minute for one account (whatever the outcome).</summary>
    public int LoginsPerAccountPerMinute { get; set; } = 10;

    /// <summary>Login attempts per minute from one IP address.</summary>
    public int LoginsPerIpPerMinute { get; set; } = 30;

    /// <summary>Whether anyone may create an MSP through POST /api/v1/signup.</summary>
    public bool SignupEnabled { get; set; } = true;

    /// <summary>The key in use, resolved at start from SigningKey or the key file; never bound from configuration.</summary>
    public byte[] SigningKeyBytes { get; internal set; } = [];
}
