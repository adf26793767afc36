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

    public TenantInfo ToInfo() => new(Id, Identifier, Name, Kind, ParentMspId);

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
