using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Sharing.Domain;

namespace SecureShare.Modules.Sharing.Data;

internal sealed class SharingDbContext(DbContextOptions<SharingDbContext> options, DbSession session)
    : ModuleDbContext(options, session), IModuleDbContext
{
    public static string Schema => "sharing";

    protected override string ModuleSchema => Schema;

    public DbSet<Share> Shares => Set<Share>();

    public DbSet<FolderShareRule> FolderShareRules => Set<FolderShareRule>();
}

internal sealed class FolderShareRuleConfiguration : IEntityTypeConfiguration<FolderShareRule>
{
    public void Configure(EntityTypeBuilder<FolderShareRule> b)
    {
        b.ToTable("folder_share_rules");
        b.HasKey(r => new { r.TenantId, r.Id });
        b.HasIndex(r => new { r.TenantId, r.FolderId, r.TargetTenantId }).IsUnique();
        b.HasIndex(r => r.TargetTenantId);
        b.Property(r => r.Permission).HasConversion<string>().HasMaxLength(8);
        b.Property(r => r.CreatedByName).HasMaxLength(256);
        b.HasMany(r => r.Audience).WithOne().HasForeignKey(a => new { a.TenantId, a.RuleId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FolderShareRuleAudienceConfiguration : IEntityTypeConfiguration<FolderShareRuleAudience>
{
    public void Configure(EntityTypeBuilder<FolderShareRuleAudience> b)
    {
        b.ToTable("folder_share_rule_audience");
        b.HasKey(a => new { a.TenantId, a.RuleId, a.PrincipalId });
        b.Property(a => a.Kind).HasConversion<WireNameConverter<PrincipalKind>>().HasMaxLength(8);
    }
}

internal sealed class ShareConfiguration : IEntityTypeConfiguration<Share>
{
    public void Configure(EntityTypeBuilder<Share> b)
    {
        b.ToTable("shares");
        // Bulk updates change a share's terms in place (permission, audience, expiry); room left on each page
        // lets PostgreSQL rewrite a row without touching its indexes (a HOT update).
        b.HasStorageParameter("fillfactor", 80);
        b.HasKey(s => new { s.TenantId, s.CredentialId, s.TargetTenantId });
        b.HasIndex(s => new { s.TenantId, s.TargetTenantId });
        b.HasIndex(s => s.ExpiresAt);
        b.HasIndex(s => new { s.TenantId, s.RuleId });
        b.Property(s => s.Permission).HasConversion<string>().HasMaxLength(8);
        b.Property(s => s.CreatedByName).HasMaxLength(256);
        b.HasMany(s => s.Audience).WithOne().HasForeignKey(a => new { a.TenantId, a.CredentialId, a.TargetTenantId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShareAudienceMemberConfiguration : IEntityTypeConfiguration<ShareAudienceMember>
{
    public void Configure(EntityTypeBuilder<ShareAudienceMember> b)
    {
        b.ToTable("share_audience");
        b.HasKey(a => new { a.TenantId, a.CredentialId, a.TargetTenantId, a.PrincipalId });
        b.Property(a => a.Kind).HasConversion<WireNameConverter<PrincipalKind>>().HasMaxLength(8);
    }
}
