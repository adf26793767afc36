using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Data;

internal sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options, DbSession session)
    : ModuleDbContext(options, session), IModuleDbContext, IDataProtectionKeyContext
{
    public static string Schema => "accounts";

    protected override string ModuleSchema => Schema;

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<User> Users => Set<User>();

    public DbSet<SecurityGroup> Groups => Set<SecurityGroup>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<MfaChallenge> MfaChallenges => Set<MfaChallenge>();

    public DbSet<SingleUseLink> SingleUseLinks => Set<SingleUseLink>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Passkey> Passkeys => Set<Passkey>();

    public DbSet<TenantSso> Sso => Set<TenantSso>();

    /// <summary>The cookie and antiforgery key ring of every host on a server database (see SharedKeyRing), each key encrypted under the master key.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The attempt counts of every limit on a server database (see DatabaseRateCounter); unused on the embedded default.</summary>
    public DbSet<RateWindow> RateWindows => Set<RateWindow>();
}

internal sealed class RateWindowConfiguration : IEntityTypeConfiguration<RateWindow>
{
    public void Configure(EntityTypeBuilder<RateWindow> b)
    {
        b.ToTable("rate_windows");
        b.HasKey(w => w.KeyHash);
        b.Property(w => w.KeyHash).HasMaxLength(32);
        b.HasIndex(w => w.StartedAt);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("data_protection_keys");
        b.HasAnnotation(GlobalEntityAttribute.Annotation, "the key ring protects every tenant's session cookies alike: it is the installation's");
        b.Property(k => k.FriendlyName).HasMaxLength(100);
    }
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.ToTable("tenants");
        b.HasKey(t => t.Id);
        b.Property(t => t.Identifier).HasMaxLength(64);
        b.HasIndex(t => t.Identifier).IsUnique();
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.NormalizedName).HasMaxLength(100);
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(t => t.State).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(t => new { t.ParentMspId, t.NormalizedName }).IsUnique();
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.HasKey(u => u.Id);
        b.Property(u => u.Email).HasMaxLength(254);
        b.Property(u => u.NormalizedEmail).HasMaxLength(254);
        b.HasIndex(u => u.NormalizedEmail).IsUnique();
        b.HasIndex(u => new { u.TenantId, u.NormalizedEmail });
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(u => u.PasswordHash).HasMaxLength(256);
        b.Property(u => u.SecurityStamp).HasMaxLength(64);
        b.Property(u => u.TotpSecret).HasMaxLength(256);
        b.Property(u => u.TotpPendingSecret).HasMaxLength(256);
        b.Property(u => u.SsoSubject).HasMaxLength(255);
        b.Property(u => u.PasskeyPendingOptions).HasMaxLength(PasskeyConfiguration.OptionsMaxLength);
        b.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SecurityGroupConfiguration : IEntityTypeConfiguration<SecurityGroup>
{
    public void Configure(EntityTypeBuilder<SecurityGroup> b)
    {
        b.ToTable("groups");
        b.HasKey(g => g.Id);
        b.Property(g => g.Name).HasMaxLength(100);
        b.Property(g => g.NormalizedName).HasMaxLength(100);
        b.HasIndex(g => new { g.TenantId, g.NormalizedName }).IsUnique();
        b.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> b)
    {
        b.ToTable("group_members");
        b.HasKey(m => new { m.GroupId, m.UserId });
        b.HasIndex(m => new { m.TenantId, m.UserId });
        b.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.ToTable("sessions");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.TenantId, s.UserId, s.EndedAt });
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.Ip).HasMaxLength(64);
        b.Property(s => s.UserAgent).HasMaxLength(256);
        b.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> b)
    {
        b.ToTable("recovery_codes");
        b.HasKey(c => c.Id);
        b.Property(c => c.CodeHash).HasMaxLength(32);
        b.HasIndex(c => new { c.TenantId, c.UserId, c.CodeHash });
        b.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MfaChallengeConfiguration : IEntityTypeConfiguration<MfaChallenge>
{
    public void Configure(EntityTypeBuilder<MfaChallenge> b)
    {
        b.ToTable("mfa_challenges");
        b.HasKey(c => c.Id);
        b.Property(c => c.TokenHash).HasMaxLength(32);
        b.HasIndex(c => c.TokenHash).IsUnique();
        b.HasIndex(c => c.ExpiresAt);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(8);
        b.Property(c => c.SecurityStamp).HasMaxLength(64);
        b.Property(c => c.PasskeyOptions).HasMaxLength(PasskeyConfiguration.OptionsMaxLength);
        b.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SingleUseLinkConfiguration : IEntityTypeConfiguration<SingleUseLink>
{
    public void Configure(EntityTypeBuilder<SingleUseLink> b)
    {
        b.ToTable("single_use_links");
        b.HasKey(l => l.Id);
        b.Property(l => l.TokenHash).HasMaxLength(32);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => new { l.TenantId, l.UserId, l.Purpose });
        b.HasIndex(l => l.ExpiresAt);
        b.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(16);
        b.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Hint).HasMaxLength(16);
        b.Property(k => k.KeyHash).HasMaxLength(32);
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.HasIndex(k => new { k.TenantId, k.OwnerUserId });
        b.Property(k => k.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(k => k.AllowedIps).HasMaxLength(1000);
        b.Property(k => k.LastUsedIp).HasMaxLength(64);
        b.HasOne<User>().WithMany().HasForeignKey(k => k.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PasskeyConfiguration : IEntityTypeConfiguration<Passkey>
{
    /// <summary>The stored JSON of a WebAuthn ceremony's options (a user has at most <see cref="Services.Passkeys.MaxPerUser"/> credentials to list).</summary>
    public const int OptionsMaxLength = 8000;

    public void Configure(EntityTypeBuilder<Passkey> b)
    {
        b.ToTable("passkeys");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.CredentialId).HasMaxLength(1023);
        b.HasIndex(p => p.CredentialId).IsUnique();
        b.Property(p => p.PublicKey).HasMaxLength(2048);
        b.HasIndex(p => new { p.TenantId, p.UserId });
        b.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TenantSsoConfiguration : IEntityTypeConfiguration<TenantSso>
{
    public void Configure(EntityTypeBuilder<TenantSso> b)
    {
        b.ToTable("tenant_sso");
        b.HasKey(s => s.Id);
        b.HasIndex(s => s.TenantId).IsUnique();
        b.Property(s => s.DisplayName).HasMaxLength(100);
        b.Property(s => s.Authority).HasMaxLength(500);
        b.Property(s => s.ClientId).HasMaxLength(200);
        b.Property(s => s.ClientSecret).HasMaxLength(1024);
        b.Property(s => s.DefaultRole).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.GroupClaim).HasMaxLength(100);
        b.Property(s => s.GroupMappings).HasMaxLength(4000);
        b.Property(s => s.BreakGlassUserIds).HasMaxLength(2000);
        b.Property(s => s.AllowedEmailDomains).HasMaxLength(2000);
        b.Property(s => s.Stamp).IsConcurrencyToken();
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
