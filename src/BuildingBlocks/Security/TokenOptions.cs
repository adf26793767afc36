namespace SecureShare.BuildingBlocks.Security;

/// <summary>Configuration section "Auth": bearer token signing and login protection.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public const string Issuer = "secureshare";
    public const string Audience = "secureshare-api";

    /// <summary>HMAC-SHA256 key, base64, at least 32 bytes. Empty: a key file in the data folder is used (made on first start).</summary>
    public string? SigningKey { get; set; }

    /// <summary>A session ends after this long without a request (API token or UI cookie alike).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active; its bearer token expires then too.</summary>
    public TimeSpan SessionMaxLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Slow password hashes (sign-in, new passwords) computed at once in this process; more wait their turn.</summary>
    public int ConcurrentPasswordHashes { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>PBKDF2-HMAC-SHA512 iterations for new hashes: OWASP's figure (2023). A hash with fewer is redone at sign-in.</summary>
    public int PasswordIterations { get; set; } = 210_000;

    public int MaxFailedLogins { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Login attempts per minute for one account (whatever the outcome).</summary>
    public int LoginsPerAccountPerMinute { get; set; } = 10;

    /// <summary>Login attempts per minute from one IP address.</summary>
    public int LoginsPerIpPerMinute { get; set; } = 30;

    /// <summary>Login attempts per minute from one IPv6 /64 network (one subscriber's whole range).</summary>
    public int LoginsPerNetworkPerMinute { get; set; } = 60;

    /// <summary>Whether anyone may create an MSP through POST /api/v1/signup: off unless configured (the embedded demo turns it on).</summary>
    public bool SignupEnabled { get; set; }

    /// <summary>The key in use, resolved at start from SigningKey or the key file; never bound from configuration.</summary>
    public byte[] SigningKeyBytes { get; internal set; } = [];
}
