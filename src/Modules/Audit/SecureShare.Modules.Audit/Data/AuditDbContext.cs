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

    public DbSet<AuditEventTarget> Targets => Set<AuditEventTarget>();

    public DbSet<AuditChainLink> Links => Set<AuditChainLink>();

    public DbSet<AuditChainHead> Heads => Set<AuditChainHead>();

    public DbSet<AuditSealerState> Sealer => Set<AuditSealerState>();

    public DbSet<AuditForwardCursor> ForwardCursors => Set<AuditForwardCursor>();

    public DbSet<AuditPolicy> Policies => Set<AuditPolicy>();

    public DbSet<AuditMaintenanceGate> Gate => Set<AuditMaintenanceGate>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangeTracker.Entries().Any(e => e.State is EntityState.Modified or EntityState.Deleted
            && e.Entity is AuditEvent or AuditEventTarget or AuditChainLink))
        {
            throw new InvalidOperationException("Audit events and their chain are append-only.");
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
        b.Property(e => e.ActorName).HasMaxLength(AuditNames.MaxLength);
        b.Property(e => e.TenantName).HasMaxLength(AuditNames.MaxLength);
        b.Property(e => e.ActorTenantName).HasMaxLength(AuditNames.MaxLength);
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
        b.Property(t => t.Name).HasMaxLength(AuditNames.MaxLength);
        b.HasIndex(t => new { t.TenantId, t.TargetId, t.EventSequence });
    }
}

internal sealed class AuditChainLinkConfiguration : IEntityTypeConfiguration<AuditChainLink>
{
    public void Configure(EntityTypeBuilder<AuditChainLink> b)
    {
        b.ToTable("chain_links");
        b.HasKey(l => new { l.TenantId, l.Index });
        b.HasIndex(l => new { l.TenantId, l.EventSequence }).IsUnique();
        b.Property(l => l.Index).ValueGeneratedNever();
        b.Property(l => l.Hash).HasMaxLength(32);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.ToTable("chain_heads");
        b.HasKey(h => h.TenantId);
        b.Property(h => h.TenantId).ValueGeneratedNever(); // the tenant's own id, stamped on insert
        b.Property(h => h.Hash).HasMaxLength(32);
        b.Property(h => h.Signature).HasMaxLength(80);
        b.Property(h => h.KeyId).HasMaxLength(16);
        b.Property(h => h.StartHash).HasMaxLength(32);
    }
}

internal sealed class AuditForwardCursorConfiguration : IEntityTypeConfiguration<AuditForwardCursor>
{
    public void Configure(EntityTypeBuilder<AuditForwardCursor> b)
    {
        b.ToTable("forward_cursors");
        b.HasKey(c => c.TenantId);
        b.Property(c => c.TenantId).ValueGeneratedNever();
    }
}

internal sealed class AuditPolicyConfiguration : IEntityTypeConfiguration<AuditPolicy>
{
    public void Configure(EntityTypeBuilder<AuditPolicy> b)
    {
        b.ToTable("policies");
        b.HasKey(p => p.TenantId);
        b.Property(p => p.TenantId).ValueGeneratedNever();
    }
}

internal sealed class AuditSealerStateConfiguration : IEntityTypeConfiguration<AuditSealerState>
{
    public void Configure(EntityTypeBuilder<AuditSealerState> b)
    {
        b.ToTable("sealer");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class AuditMaintenanceGateConfiguration : IEntityTypeConfiguration<AuditMaintenanceGate>
{
    public void Configure(EntityTypeBuilder<AuditMaintenanceGate> b)
    {
        b.ToTable("maintenance_gate");
        b.HasKey(g => g.Id);
        b.Property(g => g.Reason).HasMaxLength(64);
    }
}
