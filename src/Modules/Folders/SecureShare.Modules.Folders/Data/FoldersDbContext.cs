using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Domain;

namespace SecureShare.Modules.Folders.Data;

internal sealed class FoldersDbContext(DbContextOptions<FoldersDbContext> options, DbSession session)
    : ModuleDbContext(options, session), IModuleDbContext
{
    public static string Schema => "folders";

    protected override string ModuleSchema => Schema;

    public DbSet<Folder> Folders => Set<Folder>();

    public DbSet<FolderGroup> FolderGroups => Set<FolderGroup>();

    public DbSet<CredentialEntry> Entries => Set<CredentialEntry>();

    public DbSet<CredentialEntryTag> EntryTags => Set<CredentialEntryTag>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Keyset paging compares sort keys in SQL: use byte order so every provider agrees (SQLite's default already is).
        var sortKey = modelBuilder.Entity<CredentialEntry>().Property(e => e.SortKey);
        if (Database.IsNpgsql())
        {
            sortKey.UseCollation("C");
        }
        else if (Database.IsSqlServer())
        {
            sortKey.UseCollation("Latin1_General_100_BIN2");
        }
    }
}

internal sealed class FolderConfiguration : IEntityTypeConfiguration<Folder>
{
    public void Configure(EntityTypeBuilder<Folder> b)
    {
        b.ToTable("folders");
        b.HasKey(f => f.Id);
        b.Property(f => f.Name).HasMaxLength(Folder.NameMaxLength);
        b.Property(f => f.NormalizedName).HasMaxLength(Folder.NameMaxLength);
        b.HasIndex(f => new { f.TenantId, f.ParentKey, f.NormalizedName }).IsUnique();
        b.HasMany(f => f.Groups).WithOne().HasForeignKey(g => g.FolderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FolderGroupConfiguration : IEntityTypeConfiguration<FolderGroup>
{
    public void Configure(EntityTypeBuilder<FolderGroup> b)
    {
        b.ToTable("folder_groups");
        b.HasKey(g => new { g.FolderId, g.GroupId });
        b.HasIndex(g => new { g.TenantId, g.GroupId });
    }
}

internal sealed class CredentialEntryConfiguration : IEntityTypeConfiguration<CredentialEntry>
{
    public void Configure(EntityTypeBuilder<CredentialEntry> b)
    {
        b.ToTable("credential_entries");
        // Bulk actions update these rows in place (sharing counts, terms, needs-rotation); room left on each page
        // lets PostgreSQL rewrite a row without touching its indexes (a HOT update).
        b.HasStorageParameter("fillfactor", 80);
        b.HasKey(e => new { e.TenantId, e.CredentialId });
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.SearchText).HasMaxLength(2_600);
        b.Property(e => e.SortKey).HasMaxLength(240);
        b.Property(e => e.Username).HasMaxLength(256);
        b.Property(e => e.Url).HasMaxLength(2_048);
        b.Property(e => e.OriginTenantName).HasMaxLength(100);
        b.Property(e => e.SharingState).HasConversion<WireNameConverter<SharingState>>().HasMaxLength(8);
        b.Property(e => e.Permission).HasConversion<string>().HasMaxLength(8);
        b.Property(e => e.TagList).HasMaxLength(2_600);
        b.HasIndex(e => new { e.TenantId, e.SortKey });
        b.HasIndex(e => new { e.TenantId, e.FolderId, e.SortKey });
        b.HasIndex(e => new { e.TenantId, e.UpdatedAt, e.SortKey });
        b.HasIndex(e => e.CredentialId);
        b.HasMany(e => e.Tags).WithOne().HasForeignKey(t => new { t.TenantId, t.CredentialId }).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Audience).WithOne().HasForeignKey(a => new { a.TenantId, a.CredentialId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CredentialEntryAudienceConfiguration : IEntityTypeConfiguration<CredentialEntryAudience>
{
    public void Configure(EntityTypeBuilder<CredentialEntryAudience> b)
    {
        b.ToTable("credential_entry_audience");
        b.HasKey(a => new { a.TenantId, a.CredentialId, a.PrincipalId });
    }
}

internal sealed class CredentialEntryTagConfiguration : IEntityTypeConfiguration<CredentialEntryTag>
{
    public void Configure(EntityTypeBuilder<CredentialEntryTag> b)
    {
        b.ToTable("credential_entry_tags");
        b.HasKey(t => new { t.TenantId, t.CredentialId, t.NormalizedTag });
        b.Property(t => t.Tag).HasMaxLength(50);
        b.Property(t => t.NormalizedTag).HasMaxLength(50);
        b.HasIndex(t => new { t.TenantId, t.NormalizedTag });
    }
}
