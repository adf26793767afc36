using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Credentials.Features;

public static class GetCredential
{
    public sealed record Query(Guid Id) : IQuery<CredentialDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithTags("Credentials")
            .WithSummary("A credential's metadata (never a secret value).");

    internal sealed class Handler(CredentialsDbContext db, ICurrentUser caller, ISender mediator) : IQueryHandler<Query, CredentialDto>
    {
        public async ValueTask<CredentialDto> Handle(Query query, CancellationToken ct)
        {
            var (credential, entry) = await CredentialStore.LoadVisibleAsync(db, mediator, query.Id, ct);
            return credential.ToDto(caller.Required, entry);
        }
    }
}

/// <summary>Reading a secret is its own request, audited as "revealed", and never cached.</summary>
public static class RevealSecret
{
    public sealed record Command(Guid Id) : ICommand<SecretDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/secret", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(await mediator.Send(new Command(id), ct));
            })
            .WithTags("Credentials")
            .WithSummary("Reveal a credential's secret values (audited).");

    internal sealed class Handler(CredentialsDbContext db, TenantKeys keys, ICurrentUser caller, IAuditTrail audit, ISender mediator)
        : ICommandHandler<Command, SecretDto>
    {
        public async ValueTask<SecretDto> Handle(Command command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin, UserRole.Technician, UserRole.Member);
            var (credential, _) = await CredentialStore.LoadVisibleAsync(db, mediator, command.Id, ct);
            var secret = credential.Reveal(await keys.ForAsync(db, ct));
            await audit.RecordAsync(new AuditRecord("credential.revealed", AuditOutcome.Succeeded, [new AuditTarget("credential", credential.Id)]), ct);
            return secret;
        }
    }
}

public sealed record ChangedBy(Guid? UserId, string Name);

public sealed record CredentialVersionDto(int Version, DateTimeOffset ReplacedAt, ChangedBy ChangedBy, SecretDto Values);

/// <summary>Earlier secret values, newest first; showing them is a reveal and is audited as one.</summary>
public static class ListVersions
{
    public sealed record Command(Guid Id) : ICommand<IReadOnlyList<CredentialVersionDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/versions", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(await mediator.Send(new Command(id), ct));
            })
            .WithTags("Credentials")
            .WithSummary("Earlier secret versions: who replaced them, when, and their values (audited).");

    internal sealed class Handler(CredentialsDbContext db, TenantKeys keys, ICurrentUser caller, IAuditTrail audit, ISender mediator)
        : ICommandHandler<Command, IReadOnlyList<CredentialVersionDto>>
    {
        public async ValueTask<IReadOnlyList<CredentialVersionDto>> Handle(Command command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin, UserRole.Technician, UserRole.Member);
            if (await mediator.Send(new FindVisibleEntry(command.Id), ct) is null || !await db.Credentials.AnyAsync(c => c.Id == command.Id, ct))
            {
                throw new NotFoundException("Credential");
            }

            var key = await keys.ForAsync(db, ct);
            var versions = await db.Versions.AsNoTracking().Where(v => v.CredentialId == command.Id).OrderByDescending(v => v.Version).ToListAsync(ct);
            var result = versions.Select(v => new CredentialVersionDto(
                    v.Version,
                    v.ReplacedAt,
                    new ChangedBy(v.ChangedByUserId, v.ChangedByName),
                    System.Text.Json.JsonSerializer.Deserialize<SecretDto>(
                        CredentialStore.Decrypt(key, command.Id, SecretFields.Version(v.Version), v.Cipher)!)!))
                .ToList();
            await audit.RecordAsync(
                new AuditRecord("credential.versions.revealed", AuditOutcome.Succeeded, [new AuditTarget("credential", command.Id)],
                    new Dictionary<string, string> { ["versions"] = result.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
            return result;
        }
    }
}
