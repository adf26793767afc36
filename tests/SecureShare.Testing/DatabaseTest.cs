using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;
using SecureShare.Modules.Sharing.Data;
using SecureShare.Modules.Sharing.Domain;
using Xunit;

namespace SecureShare.Testing;

/// <summary>
/// Base of every test that runs on both databases: a concrete subclass per provider puts it in
/// that provider's collection; the database is emptied before each test.
/// </summary>
public abstract class DatabaseTest(TestApp app) : IAsyncLifetime
{
    protected TestApp App { get; } = app;

    public virtual Task InitializeAsync() => App.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The audit records of a refusal itself: a refused request leaves these, and nothing else.</summary>
    private static readonly string[] RefusalRecords = [PipelineAuditEvents.RequestRefused, PipelineAuditEvents.AccessDenied, PipelineAuditEvents.RefusalsThrottled];

    /// <summary>Row counts of every table, read past the tenant filters: "nothing changed" means these stay equal (a refusal's own audit record aside).</summary>
    protected async Task<string> SnapshotRowCountsAsync()
    {
        await using var scope = App.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var credentials = scope.ServiceProvider.GetRequiredService<CredentialsDbContext>();
        var folders = scope.ServiceProvider.GetRequiredService<FoldersDbContext>();
        var sharing = scope.ServiceProvider.GetRequiredService<SharingDbContext>();
        return string.Join(",",
            await accounts.Tenants.CountAsync(),
            await accounts.Users.IgnoreQueryFilters().CountAsync(),
            await accounts.Groups.IgnoreQueryFilters().CountAsync(),
            await accounts.GroupMembers.IgnoreQueryFilters().CountAsync(),
            await audit.Events.IgnoreQueryFilters().CountAsync(e => !RefusalRecords.Contains(e.Type)),
            await credentials.Credentials.IgnoreQueryFilters().CountAsync(),
            await credentials.Versions.IgnoreQueryFilters().CountAsync(),
            await credentials.Tags.IgnoreQueryFilters().CountAsync(),
            await credentials.CustomFields.IgnoreQueryFilters().CountAsync(),
            await folders.Folders.IgnoreQueryFilters().CountAsync(),
            await folders.Entries.IgnoreQueryFilters().CountAsync(),
            await folders.Entries.IgnoreQueryFilters().SumAsync(e => e.FolderId == null ? 0 : 1),
            await folders.Set<CredentialEntryAudience>().IgnoreQueryFilters().CountAsync(),
            await sharing.Shares.IgnoreQueryFilters().CountAsync(),
            await sharing.Set<ShareAudienceMember>().IgnoreQueryFilters().CountAsync(),
            await credentials.Attachments.IgnoreQueryFilters().CountAsync(),
            await credentials.AttachmentVersions.IgnoreQueryFilters().CountAsync(),
            await credentials.StoredFiles.IgnoreQueryFilters().CountAsync(),
            await credentials.FileChunks.IgnoreQueryFilters().CountAsync(),
            await credentials.DataKeys.IgnoreQueryFilters().SumAsync(k => k.FileBytes));
    }
}
