using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Data;

internal sealed class CredentialsDbContext(DbContextOptions<CredentialsDbContext> options, DbSession session)
    : ModuleDbContext(options, session), IModuleDbContext
{
    public static string Schema => "credentials";

    protected override string ModuleSchema => Schema;

    public DbSet<Credential> Credentials => Set<Credential>();

    public DbSet<CredentialTag> Tags => Set<CredentialTag>();

    public DbSet<CustomField> CustomFields => Set<CustomField>();

    public DbSet<CredentialVersion> Versions => Set<CredentialVersion>();

    public DbSet<TenantDataKey> DataKeys => Set<TenantDataKey>();

    public DbSet<LinkShare> Links => Set<LinkShare>();

    public DbSet<LinkPolicy> LinkPolicies => Set<LinkPolicy>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<AttachmentVersion> AttachmentVersions => Set<AttachmentVersion>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<FileChunk> FileChunks => Set<FileChunk>();

    public DbSet<LinkFile> LinkFiles => Set<LinkFile>();

    public DbSet<HandoverPackage> HandoverPackages => Set<HandoverPackage>();

    public DbSet<ImportParcelPart> ImportParcels => Set<ImportParcelPart>();
}

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> b)
    {
        b.ToTable("credentials");
        b.HasKey(c => c.Id);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Name).HasMaxLength(CredentialLimits.Name);
        b.Property(c => c.Description).HasMaxLength(CredentialLimits.Description);
        b.Property(c => c.Username).HasMaxLength(CredentialLimits.Username);
        b.Property(c => c.Url).HasMaxLength(CredentialLimits.Url);
        b.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.CredentialId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.CustomFields).WithOne().HasForeignKey(f => f.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CredentialTagConfiguration : IEntityTypeConfiguration<CredentialTag>
{
    public void Configure(EntityTypeBuilder<CredentialTag> b)
    {
        b.ToTable("credential_tags");
        b.HasKey(t => new { t.CredentialId, t.NormalizedTag });
        b.Property(t => t.Tag).HasMaxLength(CredentialLimits.Tag);
        b.Property(t => t.NormalizedTag).HasMaxLength(CredentialLimits.Tag);
        b.HasIndex(t => new { t.TenantId, t.NormalizedTag });
    }
}

internal sealed class CustomFieldConfiguration : IEntityTypeConfiguration<CustomField>
{
    public void Configure(EntityTypeBuilder<CustomField> b)
    {
        b.ToTable("custom_fields");
        b.HasKey(f => f.Id);
        b.HasIndex(f => new { f.CredentialId, f.Position });
        b.Property(f => f.Name).HasMaxLength(CredentialLimits.CustomFieldName);
        b.Property(f => f.Value).HasMaxLength(CredentialLimits.CustomFieldValue);
    }
}

internal sealed class CredentialVersionConfiguration : IEntityTypeConfiguration<CredentialVersion>
{
    public void Configure(EntityTypeBuilder<CredentialVersion> b)
    {
        b.ToTable("credential_versions");
        b.HasKey(v => v.Id);
        b.HasIndex(v => new { v.TenantId, v.CredentialId, v.Version }).IsUnique();
        b.Property(v => v.ChangedByName).HasMaxLength(256);
        b.HasOne<Credential>().WithMany().HasForeignKey(v => v.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TenantDataKeyConfiguration : IEntityTypeConfiguration<TenantDataKey>
{
    public void Configure(EntityTypeBuilder<TenantDataKey> b)
    {
        b.ToTable("tenant_keys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Id).ValueGeneratedNever();
        b.HasIndex(k => k.TenantId).IsUnique();
        b.Property(k => k.MasterKeyId).HasMaxLength(32);
        b.Property(k => k.Wrapped).HasMaxLength(128);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("attachments");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.TenantId, a.CredentialId });
        b.HasIndex(a => a.StoredFileId);
        b.Property(a => a.Name).HasMaxLength(FileNames.MaxLength);
        b.Property(a => a.ContentType).HasMaxLength(FileNames.MaxContentTypeLength);
        b.HasOne<Credential>().WithMany().HasForeignKey(a => a.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttachmentVersionConfiguration : IEntityTypeConfiguration<AttachmentVersion>
{
    public void Configure(EntityTypeBuilder<AttachmentVersion> b)
    {
        b.ToTable("attachment_versions");
        b.HasKey(v => v.Id);
        b.HasIndex(v => new { v.TenantId, v.AttachmentId, v.Version }).IsUnique();
        b.HasIndex(v => v.StoredFileId);
        b.Property(v => v.Name).HasMaxLength(FileNames.MaxLength);
        b.Property(v => v.ContentType).HasMaxLength(FileNames.MaxContentTypeLength);
        b.Property(v => v.ReplacedByName).HasMaxLength(256);
        b.HasOne<Attachment>().WithMany().HasForeignKey(v => v.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("stored_files");
        b.HasKey(f => f.Id);
        b.Property(f => f.State).HasConversion<string>().HasMaxLength(16);
        b.Property(f => f.SealedKey).HasMaxLength(128);
        b.HasIndex(f => new { f.State, f.CreatedAt });
    }
}

internal sealed class FileChunkConfiguration : IEntityTypeConfiguration<FileChunk>
{
    public void Configure(EntityTypeBuilder<FileChunk> b)
    {
        b.ToTable("file_chunks");
        b.HasKey(c => new { c.FileId, c.Index });
        b.Property(c => c.Data); // unbounded: a sealed chunk of FileCipher.ChunkSize bytes and its tag
    }
}

internal sealed class LinkShareConfiguration : IEntityTypeConfiguration<LinkShare>
{
    public void Configure(EntityTypeBuilder<LinkShare> b)
    {
        b.ToTable("link_shares");
        b.HasKey(l => l.Id);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => new { l.TenantId, l.CredentialId });
        b.HasIndex(l => l.ExpiresAt);
        b.Property(l => l.TokenHash).HasMaxLength(32);
        b.Property(l => l.Nonce).HasMaxLength(12);
        b.Property(l => l.Title).HasMaxLength(LinkLimits.Title);
        b.Property(l => l.Fields); // unbounded: 60 custom-field names of 100 characters, escaped, exceed any fixed size
        b.Property(l => l.PassphraseHash).HasMaxLength(256);
        b.Property(l => l.CreatedByName).HasMaxLength(256);
        b.Property(l => l.FilesGrantHash).HasMaxLength(32);
        b.HasOne<Credential>().WithMany().HasForeignKey(l => l.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LinkFileConfiguration : IEntityTypeConfiguration<LinkFile>
{
    public void Configure(EntityTypeBuilder<LinkFile> b)
    {
        b.ToTable("link_files");
        b.HasKey(f => f.Id);
        b.HasIndex(f => new { f.TenantId, f.LinkId, f.Position }).IsUnique();
        b.HasIndex(f => f.StoredFileId);
        b.Property(f => f.Name).HasMaxLength(FileNames.MaxLength);
        b.Property(f => f.ContentType).HasMaxLength(FileNames.MaxContentTypeLength);
        b.HasOne<LinkShare>().WithMany().HasForeignKey(f => f.LinkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LinkPolicyConfiguration : IEntityTypeConfiguration<LinkPolicy>
{
    public void Configure(EntityTypeBuilder<LinkPolicy> b)
    {
        b.ToTable("link_policies");
        b.HasKey(p => p.TenantId);
        b.Property(p => p.TenantId).ValueGeneratedNever();
    }
}

internal sealed class HandoverPackageConfiguration : IEntityTypeConfiguration<HandoverPackage>
{
    public void Configure(EntityTypeBuilder<HandoverPackage> b)
    {
        b.ToTable("handover_packages");
        b.HasKey(h => h.Id);
        b.HasIndex(h => new { h.TenantId, h.ClientId });
        b.HasIndex(h => h.ExpiresAt);
        b.Property(h => h.ClientName).HasMaxLength(100);
        b.Property(h => h.Keys).HasMaxLength(512);
        b.Property(h => h.Cipher); // unbounded: every credential of a client, with its versions
    }
}

internal sealed class ImportParcelPartConfiguration : IEntityTypeConfiguration<ImportParcelPart>
{
    public void Configure(EntityTypeBuilder<ImportParcelPart> b)
    {
        b.ToTable("import_parcels");
        b.HasKey(p => new { p.ParcelId, p.Sequence });
        b.HasIndex(p => p.CreatedAt);
        b.Property(p => p.Data); // a part of the spool, ImportParcelLimits.PartSize at most
    }
}
