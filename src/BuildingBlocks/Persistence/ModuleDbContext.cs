using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>Each module context names its schema (a table prefix on SQLite).</summary>
public interface IModuleDbContext
{
    static abstract string Schema { get; }
}

/// <summary>
/// The base of every module's DbContext. Every entity is tenant-isolated unless it carries
/// <see cref="GlobalEntityAttribute"/>: a named query filter on the tenant captured when the
/// context is created, TenantId and FamilyId indexed, stamped on insert, and a write to another
/// tenant's row (or a tenant-owned write with no tenant) throws.
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    public const string TenantFilter = "Tenant";

    private readonly Guid _tenantId;

    protected ModuleDbContext(DbContextOptions options, DbSession session)
        : base(options)
    {
        Tenant = TenantContext.Current;
        _tenantId = Tenant?.Id ?? Guid.Empty;
        Session = session;
        Database.SetDbConnection(session.Connection);
        session.Enlist(this);
    }

    /// <summary>The request's database session this context runs on.</summary>
    internal DbSession Session { get; }

    /// <summary>The tenant this context was created in; null outside any tenant (login, signup, start-up).</summary>
    public TenantInfo? Tenant { get; }

    protected abstract string ModuleSchema { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no date type; UTC instants as sortable integers keep range filters and ordering in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);

        var sqlite = Database.IsSqlite();
        if (!sqlite)
        {
            modelBuilder.HasDefaultSchema(ModuleSchema);
        }

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => !e.IsOwned()).ToList())
        {
            if (sqlite)
            {
                entity.SetTableName($"{ModuleSchema}_{entity.GetTableName()}");
            }

            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                ConfigureTenantOwnedMethod.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
            }
            else if (entity.ClrType.GetCustomAttribute<GlobalEntityAttribute>() is null && !GlobalEntityAttribute.MarksLibraryType(entity))
            {
                throw new InvalidOperationException(
                    $"{entity.ClrType.Name} is neither ITenantOwned nor marked [GlobalEntity(reason)].");
            }
        }
    }

    private static readonly MethodInfo ConfigureTenantOwnedMethod =
        typeof(ModuleDbContext).GetMethod(nameof(ConfigureTenantOwned), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private void ConfigureTenantOwned<T>(ModelBuilder modelBuilder)
        where T : class, ITenantOwned
    {
        var entity = modelBuilder.Entity<T>();
        entity.HasQueryFilter(TenantFilter, e => e.TenantId == _tenantId);

        // An index on TenantId alone only where no key or index already leads with it: beside a composite
        // one it is redundant, and right after a bulk change (before statistics catch up) the planner
        // may take it and scan a whole tenant per row, as the benchmark caught in cascading deletes.
        static bool LeadsWithTenant(IReadOnlyList<IMutableProperty> properties) =>
            properties.Count > 0 && properties[0].Name == nameof(ITenantOwned.TenantId);
        if (!(entity.Metadata.FindPrimaryKey() is { } key && LeadsWithTenant(key.Properties))
            && !entity.Metadata.GetIndexes().Any(i => LeadsWithTenant(i.Properties)))
        {
            entity.HasIndex(e => e.TenantId);
        }

        entity.HasIndex(e => e.FamilyId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampAndGuardTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampAndGuardTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampAndGuardTenant()
    {
        // A context saves in the tenant it was made in; saving it while another tenant is ambient means a
        // cross-tenant step picked up the request's context instead of making one in that tenant.
        if (Tenant is not null && TenantContext.Current is { } ambient && ambient.Id != Tenant.Id && ChangeTracker.HasChanges())
        {
            throw new TenantIsolationException(
                $"A {GetType().Name} made in one tenant is saving inside another tenant's scope; create a context there instead.");
        }

        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (Tenant is null)
            {
                throw new TenantIsolationException(
                    $"{entry.Entity.GetType().Name} is tenant-owned but this context has no tenant.");
            }

            // A new row takes the context's tenant and family (relationship fix-up may already have copied the tenant id).
            if (entry.State == EntityState.Added && (entry.Entity.TenantId == Guid.Empty || entry.Entity.TenantId == Tenant.Id))
            {
                entry.Entity.TenantId = Tenant.Id;
                entry.Entity.FamilyId = Tenant.FamilyId;
                continue;
            }

            if (entry.Entity.TenantId != Tenant.Id || entry.Entity.FamilyId != Tenant.FamilyId)
            {
                throw new TenantIsolationException(
                    $"{entry.Entity.GetType().Name} belongs to another tenant than this context's.");
            }
        }
    }
}
