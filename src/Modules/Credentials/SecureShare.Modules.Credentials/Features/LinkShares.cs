using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Credentials.Features;

/// <summary>A link share as its tenant's users see it (and its credential's origin): never its token, key, passphrase or content. TenantId is the tenant it was made in.</summary>
public sealed record LinkDto(
    Guid Id,
    Guid CredentialId,
    Guid TenantId,
    string Title,
    IReadOnlyList<string> Fields,
    string State,
    int Views,
    int MaxViews,
    bool PassphraseRequired,
    int FailedAttempts,
    DateTimeOffset CreatedAt,
    ChangedBy CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt);

/// <summary>The answer to a create: the link itself, shown this once (its key is after '#').</summary>
public sealed record CreatedLinkDto(Guid Id, string Url, LinkDto Link)
{
    public override string ToString() => Redacted.Text;
}

internal static class LinkStates
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string UsedUp = "used-up";
    public const string Revoked = "revoked";
    public const string Locked = "locked";

    public static string StateAt(this LinkShare link, DateTimeOffset now) =>
        link.RevokedAt is not null ? Revoked
        : link.FailedAttempts >= LinkLimits.MaxFailedPassphrases ? Locked
        : link.Views >= link.MaxViews ? UsedUp
        : link.ExpiresAt <= now || link.Ciphertext is null ? Expired
        : Active;

    public static LinkDto ToDto(this LinkShare link, DateTimeOffset now) => new(
        link.Id,
        link.CredentialId,
        link.TenantId,
        link.Title,
        LinkContent.NamesFromColumn(link.Fields),
        link.StateAt(now),
        link.Views,
        link.MaxViews,
        link.PassphraseHash is not null,
        link.FailedAttempts,
        link.CreatedAt,
        new ChangedBy(link.CreatedByUserId, link.CreatedByName),
        link.ExpiresAt,
        link.RevokedAt);

    public static AuditRecord Record(string type, LinkShare link, AuditOutcome outcome = AuditOutcome.Succeeded, Dictionary<string, string>? details = null, AuditActor? actor = null) =>
        Record(type, link.Id, link.CredentialId, outcome, details, actor);

    public static AuditRecord Record(string type, Guid linkId, Guid credentialId, AuditOutcome outcome = AuditOutcome.Succeeded, Dictionary<string, string>? details = null, AuditActor? actor = null) =>
        new(type, outcome, [new AuditTarget("link", linkId), new AuditTarget("credential", credentialId)], details, actor);
}

/// <summary>
/// Anyone who may reveal a credential makes a link share of it for a person without an account: a
/// snapshot of the chosen fields, sealed with a key that only the returned url carries. The link
/// belongs to the caller's tenant, even for a credential shared in; both tenants' logs record it.
/// </summary>
public static class CreateLink
{
    public sealed record Body(string? Title, int? ExpiresInMinutes, int? MaxViews, string? Passphrase, IReadOnlyList<string>? Fields)
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Command(Guid CredentialId, Body Link) : ICommand<Created>
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>The new link and the two parts of its url that the server does not keep.</summary>
    public sealed record Created(LinkDto Link, string Token, string Key)
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/credentials/{id}/links", async (Guid id, Body body, IMediator mediator, PublicAddress address, HttpContext http, CancellationToken ct) =>
            {
                var created = await mediator.Send(new Command(id, body), ct);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Created($"/api/v1/credentials/{id}/links", new CreatedLinkDto(created.Link.Id, UrlOf(address, created), created.Link));
            })
            .WithTags("Link shares")
            .WithSummary("Make a link share of a credential for someone without an account; the url (with its key after '#') is shown once.");

    /// <summary>The fields a link of this credential may carry, for a form to offer (the defaults ticked).</summary>
    public static IReadOnlyList<LinkFieldChoice> FieldChoices(CredentialDto credential) =>
        LinkContent.Choices(credential.Kind, credential.HasTotp, credential.CustomFields.Select(f => f.Name));

    /// <summary>The link as the recipient opens it, on the installation's public address (never the request's Host header): the key after '#'.</summary>
    public static string UrlOf(PublicAddress address, Created created) => $"{address.BaseUrl}/s/{created.Token}#{created.Key}";

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Link.Title).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("A link needs a title: the recipient sees it before opening.")
                .MaximumLength(LinkLimits.Title).WithMessage($"title is at most {LinkLimits.Title} characters.")
                .Must(t => !t!.Any(char.IsControl)).WithMessage("title has no control characters.")
                .OverridePropertyName("title");
            RuleFor(c => c.Link.ExpiresInMinutes).InclusiveBetween(1, LinkLimits.PolicyCeilingMinutes)
                .WithMessage("expiresInMinutes is a number of minutes, at least 1.").OverridePropertyName("expiresInMinutes");
            RuleFor(c => c.Link.MaxViews).InclusiveBetween(1, LinkLimits.MaxViews)
                .WithMessage($"maxViews is 1 to {LinkLimits.MaxViews}.").OverridePropertyName("maxViews");
            RuleFor(c => c.Link.Passphrase).Must(p => p is null || (!string.IsNullOrWhiteSpace(p) && p.Length <= LinkLimits.Passphrase))
                .WithMessage($"passphrase, when given, is 1 to {LinkLimits.Passphrase} characters and not blank.").OverridePropertyName("passphrase");
            RuleFor(c => c.Link.Fields).Must(f => f is null || (f.Count is > 0 and <= LinkContent.MaxFields && f.All(x => !string.IsNullOrWhiteSpace(x))))
                .WithMessage($"fields, when given, names 1 to {LinkContent.MaxFields} fields.").OverridePropertyName("fields");
        }
    }

    internal sealed class Handler(
        CredentialsDbContext db, VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller, TimeProvider clock,
        IPasswordHasher<LinkShare> hasher, IAuditTrail audit, ISender mediator) : ICommandHandler<Command, Created>
    {
        public async ValueTask<Created> Handle(Command command, CancellationToken ct)
        {
            var me = caller.RequireRole(UserRole.Admin, UserRole.Technician); // a Member sees and uses; a link share is sharing
            var body = command.Link;
            var (credential, key, owner) = await credentials.LoadSecretsAsync(command.CredentialId, keys, ct);
            var now = clock.GetUtcNow();
            var latest = await LinkExpiry.LatestAsync(db, owner, credential.Id, mediator, now, ct);
            if (latest.At <= now)
            {
                throw new NotFoundException("Credential"); // its share has ended, the job just has not removed it yet
            }

            var expiresAt = body.ExpiresInMinutes is { } minutes ? now.AddMinutes(minutes) : Min(now.AddMinutes(LinkLimits.DefaultExpiryMinutes), latest.At);
            if (expiresAt > latest.At)
            {
                throw ValidationFailedException.For("expiresInMinutes", latest.Explain(now));
            }

            var content = LinkContent.Snapshot(credential, credential.Reveal(key), body.Fields);
            var seal = LinkSeal.Seal(content.Serialize());
            var link = new LinkShare
            {
                CredentialId = credential.Id,
                TokenHash = seal.TokenHash,
                Title = body.Title!.Trim(),
                Fields = LinkContent.NamesToColumn(content.Fields.Select(f => f.Name)),
                Nonce = seal.Nonce,
                Ciphertext = seal.Ciphertext,
                MaxViews = body.MaxViews ?? 1,
                CreatedAt = now,
                ExpiresAt = expiresAt,
                CreatedByUserId = me.UserId,
                CreatedByName = me.DisplayName,
            };
            if (body.Passphrase is { } passphrase)
            {
                link.PassphraseHash = hasher.HashPassword(link, passphrase);
            }

            db.Links.Add(link);
            await db.SaveChangesAsync(ct);
            await audit.RecordOnBothSidesAsync(owner, LinkStates.Record("link.created", link, details: new()
            {
                ["title"] = link.Title,
                ["fields"] = link.Fields,
                ["maxViews"] = link.MaxViews.ToString(CultureInfo.InvariantCulture),
                ["expiresAt"] = link.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                ["passphrase"] = link.PassphraseHash is null ? "no" : "yes",
            }), ct);
            return new Created(link.ToDto(now), seal.Token, seal.Key);
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }
}

/// <summary>
/// How long a link may live: never past what the creating tenant's policy allows, nor, for a credential
/// shared in, past what its origin's policy allows or past the share's own expiry. A link never outlives
/// the access it came from (and when that share ends first, its links end with it).
/// </summary>
internal static class LinkExpiry
{
    public sealed record Latest(DateTimeOffset At, string Why)
    {
        public string Explain(DateTimeOffset now) =>
            $"A link of this credential may live at most {Math.Max(0, (int)(At - now).TotalMinutes)} minutes: {Why}.";
    }

    /// <param name="db">the creating tenant's context</param>
    /// <param name="owner">the credential's origin tenant's context (the same for a tenant's own credential)</param>
    public static async Task<Latest> LatestAsync(
        CredentialsDbContext db, CredentialsDbContext owner, Guid credentialId, ISender mediator, DateTimeOffset now, CancellationToken ct)
    {
        var latest = new Latest(now.AddMinutes(await LinkPolicies.MaxExpiryMinutesAsync(db, ct)), "this tenant's link policy");
        if (owner.Tenant is not { } origin || origin.Id == db.Tenant?.Id)
        {
            return latest;
        }

        var originCap = now.AddMinutes(await LinkPolicies.MaxExpiryMinutesAsync(owner, ct));
        if (originCap < latest.At)
        {
            latest = new Latest(originCap, "the link policy of the tenant that owns it");
        }

        var share = await mediator.Send(new FindIncomingShare(credentialId, origin.Id), ct) ?? throw new NotFoundException("Credential");
        return share.ExpiresAt is { } shareEnds && shareEnds < latest.At ? new Latest(shareEnds, "the share it came from ends then") : latest;
    }
}

/// <summary>
/// The link shares of a credential the caller may see, newest first: its own tenant's, and, for the
/// credential's origin, every tenant's (the origin sees every link of its credentials, wherever made).
/// </summary>
public static class ListLinks
{
    public sealed record Query(Guid CredentialId) : IQuery<IReadOnlyList<LinkDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/links", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithTags("Link shares")
            .WithSummary("A credential's link shares: state, views, expiry (never a key); its origin sees those made on every side.");

    internal sealed class Handler(CredentialsDbContext db, VisibleCredentials credentials, ICurrentUser caller, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<LinkDto>>
    {
        public async ValueTask<IReadOnlyList<LinkDto>> Handle(Query query, CancellationToken ct)
        {
            var entry = await credentials.EntryAsync(query.CredentialId, ct);
            var now = clock.GetUtcNow();
            var links = await LinksOf(db, entry, caller.Required).AsNoTracking().Where(l => l.CredentialId == query.CredentialId).OrderByDescending(l => l.CreatedAt).ToListAsync(ct);
            return links.Select(l => l.ToDto(now)).ToList();
        }
    }

    /// <summary>
    /// The links the caller answers for: its tenant's own, and, for an Admin or Technician of the credential's
    /// origin, every tenant's. Deliberate bypass of the tenant filter, only for the origin's sharing roles,
    /// only ever narrowed to its own credential.
    /// </summary>
    internal static IQueryable<LinkShare> LinksOf(CredentialsDbContext db, VisibleEntry entry, SessionPrincipal caller) =>
        entry.OriginTenantId == db.Tenant?.Id && caller.Role is UserRole.Admin or UserRole.Technician
            ? db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter])
            : db.Links;
}

/// <summary>
/// Every link share of the caller's tenant, newest first, for its Admins and Technicians: what is out
/// there (<c>state=active</c>, the default) or all of them (<c>state=all</c>). Keyset-paged.
/// </summary>
public static class ListTenantLinks
{
    public sealed record Query(string? State, int? Limit, string? Cursor) : IQuery<Page<LinkDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/links", async (string? state, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(state, limit, cursor), ct)))
            .WithTags("Link shares")
            .WithSummary("Admin or Technician: your tenant's link shares, the live ones (state=active) or all (state=all).");

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.State).Must(s => s is null or "active" or "all").WithMessage("state is active or all.");
    }

    internal sealed class Handler(CredentialsDbContext db, ICurrentUser caller, TimeProvider clock) : IQueryHandler<Query, Page<LinkDto>>
    {
        public async ValueTask<Page<LinkDto>> Handle(Query query, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin, UserRole.Technician);
            var limit = Paging.Limit(query.Limit);
            var now = clock.GetUtcNow();
            var links = db.Links.AsNoTracking();
            if (query.State is null or "active")
            {
                links = links.Where(l => l.RevokedAt == null && l.Ciphertext != null && l.ExpiresAt > now && l.Views < l.MaxViews
                    && l.FailedAttempts < LinkLimits.MaxFailedPassphrases);
            }

            if (Paging.Decode(query.Cursor) is { } after)
            {
                // The cursor is the last row's (creation instant, id): newest first on every provider, whatever its GUID order.
                var (at, lastId) = Paging.ParseInstantKey(after);
                links = links.Where(l => l.CreatedAt < at || (l.CreatedAt == at && l.Id < lastId));
            }

            var fetched = await links.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(limit + 1).ToListAsync(ct);
            var page = Paging.ToPage(fetched, limit, l => Paging.InstantKey(l.CreatedAt, l.Id));
            return new Page<LinkDto>(page.Items.Select(l => l.ToDto(now)).ToList(), page.NextCursor);
        }
    }
}

/// <summary>
/// Revokes one link share: its ciphertext is deleted at once and it answers 410. A link of the caller's
/// tenant: its maker may, and so may the tenant's Admins and Technicians. A link another tenant made of a
/// credential the caller's tenant owns: its Admins and Technicians may. Revoking a link that is already gone changes nothing.
/// </summary>
public static class RevokeLink
{
    public sealed record Command(Guid Id) : ICommand<Unit>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/links/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithTags("Link shares")
            .WithSummary("Revoke a link share: it answers 410 from now on and its ciphertext is deleted.");

    internal sealed class Handler(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, VisibleCredentials credentials, ITenantStore tenants, ICurrentUser caller,
        TimeProvider clock, IAuditTrail audit)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            var link = await db.Links.Where(l => l.Id == command.Id).Select(l => new { l.CredentialId, l.CreatedByUserId }).FirstOrDefaultAsync(ct);
            if (link is not null)
            {
                if (link.CreatedByUserId != me.UserId)
                {
                    caller.RequireRole(UserRole.Admin, UserRole.Technician);
                }

                await LinkEndings.EndAsync(db.Links.Where(l => l.Id == command.Id && l.RevokedAt == null), "revoked", clock.GetUtcNow(), audit, ct);
                return Unit.Value;
            }

            // A link made in another tenant of a credential this tenant owns: its origin may end it, recorded in both logs.
            // Deliberate bypass: the link is found by id across tenants, then kept only if its credential is this tenant's own.
            var foreign = await db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).Where(l => l.Id == command.Id)
                .Select(l => new { l.CredentialId, l.TenantId }).FirstOrDefaultAsync(ct);
            if (foreign is null || !await db.Credentials.AnyAsync(c => c.Id == foreign.CredentialId, ct)
                || await tenants.FindAsync(foreign.TenantId, ct) is not { } madeIn)
            {
                throw new NotFoundException("Link");
            }

            await credentials.EntryAsync(foreign.CredentialId, ct); // the caller must see the credential (a folder restriction applies)
            caller.RequireRole(UserRole.Admin, UserRole.Technician);
            int ended;
            using (TenantContext.Begin(madeIn))
            {
                ended = await LinkEndings.EndAsync(contexts.Create().Links.Where(l => l.Id == command.Id && l.RevokedAt == null), "revoked", clock.GetUtcNow(), audit, ct,
                    "revoked by the credential's owner");
            }

            if (ended > 0)
            {
                await audit.RecordAsync(LinkStates.Record("link.revoked", command.Id, foreign.CredentialId,
                    details: new Dictionary<string, string> { ["madeInTenantId"] = madeIn.Id.ToString() }), ct);
            }

            return Unit.Value;
        }
    }
}

internal static class LinkEndings
{
    /// <summary>
    /// Revokes every tenant's live links of a credential, each audited in the tenant that made it: the
    /// origin's and those its share targets made. Deliberate bypass: those tenants are found by the
    /// credential's id across tenants; each revocation then runs inside its tenant.
    /// </summary>
    public static async Task<int> RevokeEverywhereAsync(CredentialsDbContext db, ITenantStore tenants, ISender mediator, Guid credentialId, string reason, CancellationToken ct)
    {
        var tenantIds = await db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter])
            .Where(l => l.CredentialId == credentialId && l.RevokedAt == null && l.Ciphertext != null)
            .Select(l => l.TenantId).Distinct().ToListAsync(ct);
        var revoked = 0;
        foreach (var tenantId in tenantIds)
        {
            if (await tenants.FindAsync(tenantId, ct) is { } tenant)
            {
                using (TenantContext.Begin(tenant))
                {
                    revoked += await mediator.Send(new RevokeLinkShares([credentialId], reason), ct);
                }
            }
        }

        return revoked;
    }

    /// <summary>
    /// Ends these links, however they end ("revoked" with the instant, or "expired"): one read of which they
    /// are, one UPDATE that deletes their ciphertext (and marks them revoked), and an audit event for each.
    /// </summary>
    public static async Task<int> EndAsync(
        IQueryable<LinkShare> links, string how, DateTimeOffset? revokedAt, IAuditTrail audit, CancellationToken ct, string? reason = null)
    {
        var ended = await links.Select(l => new { l.Id, l.CredentialId }).ToListAsync(ct);
        if (ended.Count == 0)
        {
            return 0;
        }

        var ids = ended.Select(l => l.Id).ToList();
        var rows = links.Where(l => ids.Contains(l.Id));
        await (revokedAt is { } at
            ? rows.ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, at).SetProperty(l => l.Ciphertext, (byte[]?)null), ct)
            : rows.ExecuteUpdateAsync(s => s.SetProperty(l => l.Ciphertext, (byte[]?)null), ct));
        var details = reason is null ? null : new Dictionary<string, string> { ["reason"] = reason };
        await audit.RecordManyAsync(ended.Select(l => LinkStates.Record($"link.{how}", l.Id, l.CredentialId, details: details)).ToList(), ct);
        return ended.Count;
    }
}

/// <summary>Revocation by scope: the ambient tenant's live links of some credentials, or all of them (sent from other tenants' requests).</summary>
internal sealed class RevokeLinkSharesHandler(ModuleDbContextFactory<CredentialsDbContext> contexts, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<RevokeLinkShares, int>
{
    public async ValueTask<int> Handle(RevokeLinkShares command, CancellationToken ct)
    {
        var db = contexts.Create();
        var links = db.Links.Where(l => l.RevokedAt == null && l.Ciphertext != null);
        if (command.CredentialIds is { } ids)
        {
            links = links.Where(l => ids.Contains(l.CredentialId));
        }

        return await LinkEndings.EndAsync(links, "revoked", clock.GetUtcNow(), audit, ct, command.Reason);
    }
}

/// <summary>
/// Deletes the ciphertext of every link share past its expiry, recorded as "expired" in its tenant's
/// log. Run by a recurring job, one transaction per tenant; until it runs, an expired link answers 410 anyway.
/// </summary>
public static class ExpireLinks
{
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, DbSession session, ITenantStore tenants, TimeProvider clock, IAuditTrail audit)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();

            // Deliberate bypass: expiry spans every tenant; it reads tenant ids and clears each tenant's links inside it.
            var tenantIds = await db.Links.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
                .Where(l => l.ExpiresAt <= now && l.Ciphertext != null)
                .Select(l => l.TenantId).Distinct().ToListAsync(ct);

            var expired = 0;
            foreach (var tenantId in tenantIds)
            {
                if (await tenants.FindAsync(tenantId, ct) is not { } tenant)
                {
                    continue;
                }

                using (TenantContext.Begin(tenant))
                {
                    expired += await session.InTransactionAsync(
                        () => LinkEndings.EndAsync(contexts.Create().Links.Where(l => l.ExpiresAt <= now && l.Ciphertext != null), "expired", null, audit, ct),
                        ct);
                }
            }

            return expired;
        }
    }
}

/// <summary>A tenant's link share rules: the longest expiry its users may give (default 7 days).</summary>
public static class LinkPolicies
{
    public sealed record PolicyDto(int MaxExpiryMinutes);

    public sealed record Get : IQuery<PolicyDto>;

    public sealed record Put(int? MaxExpiryMinutes) : ICommand<PolicyDto>;

    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/links/policy", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new Get(), ct)))
            .WithTags("Link shares")
            .WithSummary("Your tenant's link share policy.");
        api.MapPut("/links/policy", async (Put command, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(command, ct)))
            .WithTags("Link shares")
            .WithSummary("Admin: set the longest expiry a link share of your tenant may have.");
    }

    internal sealed class PutValidator : AbstractValidator<Put>
    {
        public PutValidator() =>
            RuleFor(c => c.MaxExpiryMinutes).NotNull().InclusiveBetween(1, LinkLimits.PolicyCeilingMinutes)
                .WithMessage($"maxExpiryMinutes is 1 to {LinkLimits.PolicyCeilingMinutes} (90 days).");
    }

    internal sealed class GetHandler(CredentialsDbContext db) : IQueryHandler<Get, PolicyDto>
    {
        public async ValueTask<PolicyDto> Handle(Get query, CancellationToken ct) => new(await MaxExpiryMinutesAsync(db, ct));
    }

    /// <summary>The longest expiry the context's tenant allows: its policy's, or the default.</summary>
    internal static async Task<int> MaxExpiryMinutesAsync(CredentialsDbContext db, CancellationToken ct) =>
        await db.LinkPolicies.Select(p => (int?)p.MaxExpiryMinutes).FirstOrDefaultAsync(ct) ?? LinkLimits.DefaultMaxExpiryMinutes;

    internal sealed class PutHandler(CredentialsDbContext db, ICurrentUser caller, TimeProvider clock, IAuditTrail audit) : ICommandHandler<Put, PolicyDto>
    {
        public async ValueTask<PolicyDto> Handle(Put command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin);
            var policy = await db.LinkPolicies.FirstOrDefaultAsync(ct);
            if (policy is null)
            {
                policy = new LinkPolicy();
                db.LinkPolicies.Add(policy);
            }

            policy.MaxExpiryMinutes = command.MaxExpiryMinutes!.Value;
            policy.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord("link.policy.changed", AuditOutcome.Succeeded, [],
                    new Dictionary<string, string> { ["maxExpiryMinutes"] = policy.MaxExpiryMinutes.ToString(CultureInfo.InvariantCulture) }),
                ct);
            return new PolicyDto(policy.MaxExpiryMinutes);
        }
    }
}
