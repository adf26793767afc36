using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Folders.Data;

namespace SecureShare.Modules.Folders.Features.Folders;

/// <summary>The caller's tenant tree (folders hidden by a restriction are left out for non-admins).</summary>
public static class ListFolders
{
    public sealed record Query : IQuery<IReadOnlyList<FolderDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/folders", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Query(), ct)))
            .WithSummary("The caller's tenant folder tree.");

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller) : IQueryHandler<Query, IReadOnlyList<FolderDto>>
    {
        public async ValueTask<IReadOnlyList<FolderDto>> Handle(Query query, CancellationToken ct)
        {
            var me = caller.Required;
            var tree = await FolderRules.LoadTreeAsync(db, ct);
            return tree.Values.Where(f => f.CanSee(tree, me)).OrderBy(f => f.NormalizedName).Select(f => f.ToDto()).ToList();
        }
    }
}
