using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;

namespace SecureShare.Modules.Audit.Features.Events;

/// <summary>Who acted, as named when it happened, and the tenant they belong to (none for the platform or a link's recipient).</summary>
public sealed record AuditActorDto(Guid? UserId, string Name, Guid? TenantId, string? TenantName);

/// <summary>An object the event is about, with its name when it happened.</summary>
public sealed record AuditTargetDto(string Kind, Guid Id, string? Name);

/// <summary>
/// An event as recorded. <c>tenantName</c> is null only for events recorded before names were kept; <c>summary</c> is
/// the event as a sentence made from the stored names.
/// </summary>
public sealed record AuditEventDto(
    Guid Id,
    DateTimeOffset At,
    string Type,
    AuditActorDto Actor,
    Guid TenantId,
    string? TenantName,
    IReadOnlyList<AuditTargetDto> Targets,
    string? Ip,
    string? UserAgent,
    AuditOutcome Outcome,
    IReadOnlyDictionary<string, string>? Details,
    string Summary)
{
    internal static AuditEventDto From(AuditEvent e) => new(
        e.Id, e.At, e.Type, new AuditActorDto(e.ActorUserId, e.ActorName, e.ActorTenantId, e.ActorTenantName), e.TenantId, e.TenantName,
        e.Targets.Select(t => new AuditTargetDto(t.Kind, t.TargetId, t.Name)).ToList(),
        e.Ip, e.UserAgent, e.Outcome,
        e.Details is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(e.Details),
        AuditSummary.Describe(e));
}

/// <summary>The caller tenant's events, newest first, filtered, one keyset page per query.</summary>
public static class ListAuditEvents
{
    public sealed record Query(
        DateTimeOffset? From, DateTimeOffset? To, Guid? ActorId, string? Type, Guid? CredentialId, int? Limit, string? Cursor, string? ActorTenant = null, Guid? PartnerId = null)
        : IQuery<Page<AuditEventDto>>
    {
        internal AuditFilter Filter => new(From, To, ActorId, Type, CredentialId, ActorTenant, PartnerId);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit", async (
                    DateTimeOffset? from, DateTimeOffset? to, Guid? actorId, string? type, Guid? credentialId, string? actorTenant, Guid? partnerId, int? limit, string? cursor,
                    IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(from, to, actorId, type, credentialId, limit, cursor, actorTenant, partnerId), ct)))
            .WithSummary("Admin: the own tenant's audit events, newest first; actorTenant=partner keeps the partner tenant's users' actions (an MSP's reads of a client's credentials).");

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => AuditFilter.Rules(this, q => q.Filter);
    }

    internal sealed class Handler(AuditDbContext db, ICurrentUser caller) : IQueryHandler<Query, Page<AuditEventDto>>
    {
        public async ValueTask<Page<AuditEventDto>> Handle(Query query, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            return await PageAsync(db, query, ct);
        }
    }

    /// <summary>One page of the events of the tenant <paramref name="db"/> was made in.</summary>
    internal static async Task<Page<AuditEventDto>> PageAsync(AuditDbContext db, Query query, CancellationToken ct)
    {
        var limit = Paging.Limit(query.Limit);
        long? before = Paging.Decode(query.Cursor) is { } c
            ? long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : throw ValidationFailedException.For("cursor", "The cursor is not one this API issued.")
            : null;

        var events = query.Filter.Apply(db.Events.AsNoTracking());
        if (before is { } b)
        {
            events = events.Where(e => e.Sequence < b);
        }

        var rows = await events.OrderByDescending(e => e.Sequence).Take(limit + 1).Include(e => e.Targets).AsSplitQuery().ToListAsync(ct);
        var page = Paging.ToPage(rows, limit, e => e.Sequence.ToString(CultureInfo.InvariantCulture));
        return new Page<AuditEventDto>(page.Items.Select(AuditEventDto.From).ToList(), page.NextCursor);
    }
}
