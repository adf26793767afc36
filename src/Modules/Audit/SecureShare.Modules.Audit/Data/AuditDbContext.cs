using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Modules.Audit.Data;

internal sealed class AuditDbContext(DbContextOptions<AuditDbContext> options, DbSession session)
    : ModuleDbContext(options, session), IModuleDbContext
{
    public static string Schema => "audit";

    protected override string ModuleSchema => Schema;

    public DbSet<AuditEvent> Events => Set<AuditEvent>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangeTracker.Entries().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit events are append-only.");
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("events");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedOnAdd();
        b.HasIndex(e => e.Id).IsUnique();
        b.HasIndex(e => new { e.TenantId, e.Sequence });
        b.HasIndex(e => new { e.TenantId, e.Type, e.Sequence });
        b.HasIndex(e => new { e.TenantId, e.ActorUserId, e.Sequence });
        b.Property(e => e.Type).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Ip).HasMaxLength(64);
        b.Property(e => e.UserAgent).HasMaxLength(256);
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Details); // unbounded: details name what the caller named (titles, field names), escaped in JSON
        b.HasMany(e => e.Targets).WithOne().HasForeignKey(t => t.EventSequence);
    }
}

internal sealed class AuditEventTargetConfiguration : IEntityTypeConfiguration<AuditEventTarget>
{
    public void Configure(EntityTypeBuilder<AuditEventTarget> b)
    {
        b.ToTable("event_targets");
        b.HasKey(t => new { t.EventSequence, t.Kind, t.TargetId });
        b.Property(t => t.Kind).HasMaxLength(32);
        b.HasIndex(t => new { t.TenantId, t.TargetId, t.EventSequence });
    }
}
