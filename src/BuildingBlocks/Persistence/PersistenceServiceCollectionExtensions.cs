using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SecureShare.BuildingBlocks.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>The database session and provider choice every module context builds on.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, DatabaseOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddScoped<DbSession>();
        if (!services.Any(d => d.ServiceType == typeof(PlannerStatistics)))
        {
            services.AddSingleton<PlannerStatistics>();
            services.AddHostedService(sp => sp.GetRequiredService<PlannerStatistics>());
        }

        services.TryAddSingleton<ModuleContextRegistry>();
        return services;
    }

    /// <summary>
    /// Registers a module's context, with its migrations in the provider's migrations assembly and its
    /// own history table. Never pooled: a context captures its tenant when it is created. Its options
    /// are built once for the process (building them per request cost a measurable share of a
    /// request); each context is put on the request's shared connection when it is made.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services)
        where TContext : ModuleDbContext, IModuleDbContext
    {
        services.AddDbContext<TContext>(
            (sp, builder) => Configure(builder, sp.GetRequiredService<DatabaseOptions>(), TContext.Schema),
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<ModuleDbContextFactory<TContext>>();
        services.AddSingleton(new ModuleContextRegistration(typeof(TContext)));
        return services;
    }

    internal static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string schema)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(o => o
                    .MigrationsAssembly(options.MigrationsAssembly)
                    .MigrationsHistoryTable($"__{schema}_migrations")
                    // a list of ids is one array-like parameter (PostgreSQL array, SQLite json_each, SQL Server OPENJSON), however long
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(o => o
                    .MigrationsAssembly(options.MigrationsAssembly)
                    .MigrationsHistoryTable("__migrations", schema)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(o => o
                    .MigrationsAssembly(options.MigrationsAssembly)
                    .MigrationsHistoryTable("__migrations", schema)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
        }

        builder.AddInterceptors(CommandCounting.Instance);

        // Pending-model-changes is checked by a test per provider instead of at every start.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}

public sealed record ModuleContextRegistration(Type ContextType);

/// <summary>Every module context registered in this process, in registration order.</summary>
public sealed class ModuleContextRegistry(IEnumerable<ModuleContextRegistration> registrations)
{
    public IReadOnlyList<Type> ContextTypes { get; } = registrations.Select(r => r.ContextType).Distinct().ToList();
}
