using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SecureShare.BuildingBlocks.Persistence;

/// <summary>
/// Creates further instances of a module context on the request's shared connection and
/// transaction, each capturing the tenant that is ambient when it is created. For deliberate
/// cross-tenant steps (a client's first admin, a login that acts in the user's tenant) and for
/// work that runs before the request's tenant is known. Created contexts die with the scope.
/// </summary>
public sealed class ModuleDbContextFactory<TContext>(IServiceProvider services) : IAsyncDisposable
    where TContext : ModuleDbContext
{
    private static readonly ObjectFactory<TContext> Factory = ActivatorUtilities.CreateFactory<TContext>([typeof(DbContextOptions<TContext>)]);

    private readonly List<TContext> _created = [];

    public TContext Create()
    {
        var context = Factory(services, [services.GetRequiredService<DbContextOptions<TContext>>()]);
        _created.Add(context);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _created)
        {
            await context.DisposeAsync();
        }
    }
}
