using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Accounts.Domain;

[GlobalEntity("A tenant is the isolation boundary itself; every read of tenants is scoped by its handler (own tenant, or own clients).")]
internal sealed class Tenant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Identifier { get; init; }

    public required string Name { get; set; }

    public required string NormalizedName { get; set; }

    public TenantKind Kind { get; init; }

    public Guid? ParentMspId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Active, or offboarded by its MSP: suspended (nobody signs in) or deleted (its data key destroyed).</summary>
    public TenantState State { get; set; }

    /// <summary>When its MSP offboarded it.</summary>
    public DateTimeOffset? OffboardedAt { get; set; }

    /// <summary>Policy: every user of this tenant signs in with a second factor (one without is limited to enrolling one).</summary>
    public bool MfaRequired { get; set; }

    /// <summary>Policy of an MSP: every user of each of its clients signs in with a second factor too.</summary>
    public bool MfaRequiredForClients { get; set; }

    /// <summary>Policy: users sign in through the tenant's single sign-on; only its break-glass admins may use a password (and a second factor).</summary>
    public bool SsoRequired { get; set; }

    /// <summary>Policy: a shorter idle timeout than the installation's (minutes); null keeps the installation's.</summary>
    public int? SessionIdleMinutes { get; set; }

    /// <summary>Policy: a shorter absolute session length than the installation's (hours); null keeps the installation's.</summary>
    public int? SessionMaxHours { get; set; }

    /// <summary>Policy: a smaller file quota than the installation's (MiB); null keeps the installation's.</summary>
    public int? FileQuotaMb { get; set; }

    public TimeSpan SessionIdleTimeout(AuthOptions options) => SessionIdleMinutes is { } m ? TimeSpan.FromMinutes(m) : options.SessionIdleTimeout;

    public TimeSpan SessionMaxLifetime(AuthOptions options) => SessionMaxHours is { } h ? TimeSpan.FromHours(h) : options.SessionMaxLifetime;

    public TenantInfo ToInfo() => new(Id, Identifier, Name, Kind, ParentMspId, State);

    public static Tenant Create(string name, TenantKind kind, Guid? parentMspId, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        return new Tenant
        {
            Id = id,
            Identifier = $"{Slug(name)}-{id.ToString("N")[^8..]}",
            Name = name,
            NormalizedName = Normalize(name),
            Kind = kind,
            ParentMspId = parentMspId,
            CreatedAt = now,
        };
    }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    private static string Slug(string name)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "tenant" : slug[..Math.Min(slug.Length, 40)];
    }
}
