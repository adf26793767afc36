using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;

namespace SecureShare.Modules.Credentials.Services;

/// <summary>
/// What a tenant may store in files: the installation's quota, or less where the tenant's policy says so. Usage is the
/// tenant's <c>FileBytes</c> (every version counted), taken by one conditional UPDATE when a file is committed and given
/// back when files are deleted. Files count against their credential's origin, whoever uploads them.
/// </summary>
internal sealed class FileQuota(FileSettings settings, ISender mediator)
{
    public long MaxFileBytes => settings.MaxFileBytes;

    public async Task<long> LimitAsync(Guid tenantId, CancellationToken ct) =>
        FileSettings.Bytes(Math.Min(settings.TenantQuotaMb, await mediator.Send(new FindFileQuota(tenantId), ct) ?? int.MaxValue));

    /// <summary>What the owner's tenant may still store.</summary>
    public static async Task<long> RoomAsync(CredentialsDbContext owner, long limit, CancellationToken ct) =>
        limit - await owner.DataKeys.Select(k => k.FileBytes).FirstOrDefaultAsync(ct);

    /// <summary>Counts <paramref name="bytes"/> against the owner's quota, or refuses with 413 when they do not fit.</summary>
    public async Task TakeAsync(CredentialsDbContext owner, long bytes, CancellationToken ct)
    {
        var limit = await LimitAsync(owner.Tenant!.Id, ct);
        var taken = await owner.DataKeys.Where(k => k.FileBytes + bytes <= limit)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.FileBytes, k => k.FileBytes + bytes), ct);
        if (taken == 0)
        {
            throw QuotaExceeded(limit);
        }
    }

    public static Task ReleaseAsync(CredentialsDbContext owner, long bytes, CancellationToken ct) =>
        bytes == 0 ? Task.CompletedTask : owner.DataKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.FileBytes, k => k.FileBytes - bytes), ct);

    public PayloadTooLargeException FileTooLarge() =>
        new($"A file may be at most {settings.MaxFileMb} MiB.");

    public static PayloadTooLargeException QuotaExceeded(long limit) =>
        new($"This file does not fit in the {limit / (1024 * 1024)} MiB its credential's owner may store; delete files or versions first.");
}
