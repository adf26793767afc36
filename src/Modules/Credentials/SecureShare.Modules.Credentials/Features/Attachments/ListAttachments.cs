using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Attachments;

/// <summary>
/// A credential's files by name, size and type only (no byte of them), oldest first, each with the earlier versions the
/// caller may see: all of them at the origin, at a target those replaced while its share was in force.
/// </summary>
public static class ListAttachments
{
    public sealed record Query(Guid Id) : IQuery<IReadOnlyList<AttachmentDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/attachments", async (Guid id, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("A credential's files: names, sizes and types only, with their earlier versions.");

    internal sealed class Handler(VisibleCredentials credentials, ICurrentUser caller) : IQueryHandler<Query, IReadOnlyList<AttachmentDto>>
    {
        public async ValueTask<IReadOnlyList<AttachmentDto>> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Use);
            var visible = await credentials.LoadAsync(query.Id, ct);
            return await LoadAsync(visible.Owner, query.Id, await credentials.HistorySinceAsync(visible.Entry, ct), null, ct);
        }
    }

    /// <summary>The credential's attachments (or just <paramref name="only"/>) with their versions replaced since <paramref name="since"/> (null: all).</summary>
    internal static async Task<IReadOnlyList<AttachmentDto>> LoadAsync(CredentialsDbContext owner, Guid credentialId, DateTimeOffset? since, Guid? only, CancellationToken ct)
    {
        var attachments = await owner.Attachments.AsNoTracking()
            .Where(a => a.CredentialId == credentialId && (only == null || a.Id == only))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(ct);
        var ids = attachments.Select(a => a.Id).ToList();
        var versions = owner.AttachmentVersions.AsNoTracking().Where(v => ids.Contains(v.AttachmentId));
        if (since is { } shared)
        {
            versions = versions.Where(v => v.ReplacedAt >= shared);
        }

        var byAttachment = (await versions.OrderByDescending(v => v.Version).ToListAsync(ct)).ToLookup(v => v.AttachmentId);
        return attachments
            .Select(a => a.ToDto(byAttachment[a.Id].Select(v => new AttachmentVersionDto(v.Version, v.Name, v.Size, v.ContentType, v.ReplacedAt, v.ReplacedByName)).ToList()))
            .ToList();
    }
}
