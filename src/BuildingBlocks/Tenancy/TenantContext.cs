namespace SecureShare.BuildingBlocks.Tenancy;

/// <summary>
/// The ambient tenant of the current logical flow (a request, a job, a seeding step).
/// Set by the tenant resolution middleware from the authenticated session only, or by
/// <see cref="Begin"/> for deliberate steps that run inside a given tenant.
/// </summary>
public static class TenantContext
{
    private static readonly AsyncLocal<TenantInfo?> Ambient = new();

    public static TenantInfo? Current => Ambient.Value;

    /// <summary>Runs the following code inside <paramref name="tenant"/>; disposing restores the previous tenant.</summary>
    public static IDisposable Begin(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var previous = Ambient.Value;
        Ambient.Value = tenant;
        return new Restore(previous);
    }

    private sealed class Restore(TenantInfo? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Ambient.Value = previous;
        }
    }
}
