using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Services;

namespace SecureShare.Modules.Folders.Features.Placements;

public enum MoveOutcome
{
    [JsonStringEnumMemberName("moved")]
    Moved,

    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    [JsonStringEnumMemberName("refused")]
    Refused,
}

/// <summary>Why a move was refused; <see cref="MoveResult.Reason"/> is its text.</summary>
public enum MoveRefusal
{
    NotFound,

    /// <summary>A Technician's move into or out of a group-restricted folder: it would change who sees the credential.</summary>
    RestrictedFolder,
}

public sealed record MoveResult(Guid CredentialId, MoveOutcome Outcome)
{
    [JsonIgnore]
    public MoveRefusal? Refusal { get; init; }

    public string? Reason => Refusal is { } refusal ? Text(refusal) : null;

    public static MoveResult Refused(Guid credentialId, MoveRefusal refusal) => new(credentialId, MoveOutcome.Refused) { Refusal = refusal };

    /// <summary>One text for every restricted-folder refusal, whether the move was into or out of the folder.</summary>
    public static string Text(MoveRefusal refusal) => refusal switch
    {
        MoveRefusal.RestrictedFolder => "only an Admin may move a credential into or out of a group-restricted folder",
        _ => "not found",
    };
}

/// <summary>
/// Moves credentials within the caller's own tree (folderId null = root). Each item gets its
/// outcome: moved, unchanged, or refused (not found; or, for a Technician, a move that would change
/// its folder's group restriction and so who sees it, refused and audited as denied); the permitted
/// moves are applied together in one statement. Placements are per tenant: the other side of a share never moves.
/// </summary>
public static class MovePlacements
{
    public const int MaxItems = 10_000;

    public sealed record Command(IReadOnlyList<Guid>? CredentialIds, Guid? FolderId) : ICommand<MoveResponse>;

    public sealed record MoveResponse(IReadOnlyList<MoveResult> Results);

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/placements/move", async (Command command, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(command, ct)))
            .WithSummary("Move one or many credentials in the caller's own tree; a result per item.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CredentialIds).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("credentialIds is required.")
                .Must(ids => ids!.Count <= MaxItems).WithMessage($"At most {MaxItems} credentials per request.");
        }
    }

    internal sealed class Handler(FoldersDbContext db, ICurrentUser caller, IPublisher publisher, IAuditTrail audit) : ICommandHandler<Command, MoveResponse>
    {
        public async ValueTask<MoveResponse> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.ManageCredentials);
            Guid? targetRestriction = null;
            AuditTarget[] destination = [];
            if (command.FolderId is { } target)
            {
                if (!await db.FolderVisibleTo(me, target, ct))
                {
                    throw new NotFoundException("Folder");
                }

                var found = await db.Folders.Where(f => f.Id == target).Select(f => new { f.RestrictedBy, f.Name }).FirstAsync(ct);
                targetRestriction = found.RestrictedBy;
                destination = [new AuditTarget(AuditTargetKinds.Folder, target, found.Name)];
            }

            var ids = command.CredentialIds!.Distinct().ToList();
            var current = await db.VisibleTo(me).Where(e => ids.Contains(e.CredentialId))
                .Select(e => new { e.CredentialId, e.Name, e.FolderId, RestrictedBy = db.Folders.Where(f => f.Id == e.FolderId).Select(f => f.RestrictedBy).FirstOrDefault() })
                .ToDictionaryAsync(e => e.CredentialId, ct);

            // Who may see a credential follows the group restriction of its folder: changing it is an Admin's call.
            var changesAudience = me.IsAdmin
                ? []
                : current.Values.Where(e => e.FolderId != command.FolderId && e.RestrictedBy != targetRestriction).Select(e => e.CredentialId).ToHashSet();
            var toMove = ids.Where(id => current.TryGetValue(id, out var entry) && entry.FolderId != command.FolderId && !changesAudience.Contains(id)).ToList();
            var folder = new Dictionary<string, string> { ["folderId"] = command.FolderId?.ToString() ?? "root" };
            if (toMove.Count > 0)
            {
                await db.Entries.Where(e => toMove.Contains(e.CredentialId))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.FolderId, command.FolderId), ct);
                await audit.RecordAsync(
                    new AuditRecord(FolderAuditEvents.PlacementsMoved, AuditOutcome.Succeeded, [.. toMove.Select(id => new AuditTarget(AuditTargetKinds.Credential, id, current[id].Name)), .. destination],
                        new Dictionary<string, string>(folder) { ["count"] = toMove.Count.ToString(CultureInfo.InvariantCulture) }),
                    ct);
                await publisher.Publish(new PlacementsChanged(toMove, New: false), ct);
            }

            if (changesAudience.Count > 0)
            {
                await audit.RecordAsync(
                    new AuditRecord(PipelineAuditEvents.AccessDenied, AuditOutcome.Denied, [.. changesAudience.Select(id => new AuditTarget(AuditTargetKinds.Credential, id, current[id].Name)), .. destination],
                        new Dictionary<string, string>(folder) { ["action"] = nameof(MovePlacements), ["reason"] = MoveResult.Text(MoveRefusal.RestrictedFolder) }),
                    ct);
            }

            var moved = toMove.ToHashSet();
            return new MoveResponse(ids.Select(id =>
                moved.Contains(id) ? new MoveResult(id, MoveOutcome.Moved)
                : changesAudience.Contains(id) ? MoveResult.Refused(id, MoveRefusal.RestrictedFolder)
                : current.ContainsKey(id) ? new MoveResult(id, MoveOutcome.Unchanged)
                : MoveResult.Refused(id, MoveRefusal.NotFound)).ToList());
        }
    }
}
