using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Credentials.Features;

public static class GetCredential
{
    public sealed record Query(Guid Id) : IQuery<CredentialDto>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id), ct)))
            .WithSummary("A credential's metadata (never a secret value).");

    internal sealed class Handler(VisibleCredentials credentials, ICurrentUser caller) : IQueryHandler<Query, CredentialDto>
    {
        public async ValueTask<CredentialDto> Handle(Query query, CancellationToken ct)
        {
            var visible = await credentials.LoadAsync(query.Id, ct);
            return visible.Credential.ToDto(caller.Required, visible.Entry);
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
            .WithSummary("Reveal a credential's secret values (audited).");

    internal sealed class Handler(VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller, IAuditTrail audit)
        : ICommandHandler<Command, SecretDto>
    {
        public async ValueTask<SecretDto> Handle(Command command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin, UserRole.Technician, UserRole.Member);
            var (credential, key, owner) = await credentials.LoadSecretsAsync(command.Id, keys, ct);
            var secret = credential.Reveal(key);
            await audit.RecordOnBothSidesAsync(owner, new AuditRecord("credential.revealed", AuditOutcome.Succeeded, [new AuditTarget("credential", credential.Id)]), ct);
            return secret;
        }
    }
}

public sealed record ChangedBy(Guid? UserId, string Name);

public sealed record CredentialVersionDto(int Version, DateTimeOffset ReplacedAt, ChangedBy ChangedBy, SecretDto Values);

/// <summary>
/// Earlier secret values, newest first; showing them is a reveal and is audited as one. The origin sees
/// the whole history; a target tenant only the versions replaced while its share was in force.
/// </summary>
public static class ListVersions
{
    public sealed record Command(Guid Id) : ICommand<IReadOnlyList<CredentialVersionDto>>;

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/credentials/{id}/versions", async (Guid id, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(await mediator.Send(new Command(id), ct));
            })
            .WithSummary("Earlier secret versions: who replaced them, when, and their values (audited).");

    internal sealed class Handler(VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller, IAuditTrail audit, ISender mediator)
        : ICommandHandler<Command, IReadOnlyList<CredentialVersionDto>>
    {
        public async ValueTask<IReadOnlyList<CredentialVersionDto>> Handle(Command command, CancellationToken ct)
        {
            caller.RequireRole(UserRole.Admin, UserRole.Technician, UserRole.Member);
            var (_, entry, owner) = await credentials.LoadAsync(command.Id, ct);
            var versions = owner.Versions.AsNoTracking().Where(v => v.CredentialId == command.Id);
            if (entry.OriginTenantId != TenantContext.Current?.Id)
            {
                // A target sees only the values replaced while its share was in force: older ones it never knew (and they are often reused elsewhere).
                var share = await mediator.Send(new FindIncomingShare(command.Id, entry.OriginTenantId), ct) ?? throw new NotFoundException("Credential");
                versions = versions.Where(v => v.ReplacedAt >= share.SharedAt);
            }

            var key = await keys.ForAsync(owner, ct);
            var rows = await versions.OrderByDescending(v => v.Version).ToListAsync(ct);
            var result = rows.Select(v => new CredentialVersionDto(
                    v.Version,
                    v.ReplacedAt,
                    new ChangedBy(v.ChangedByUserId, v.ChangedByName),
                    System.Text.Json.JsonSerializer.Deserialize<SecretDto>(
                        CredentialStore.Decrypt(key, command.Id, SecretFields.Version(v.Version), v.Cipher)!)!))
                .ToList();
            await audit.RecordOnBothSidesAsync(
                owner,
                new AuditRecord("credential.versions.revealed", AuditOutcome.Succeeded, [new AuditTarget("credential", command.Id)],
                    new Dictionary<string, string> { ["versions"] = result.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
            return result;
        }
    }
}

internal static class SharedReads
{
    /// <summary>A read of a shared-in credential is recorded in the reader's log and in its origin's.</summary>
    public static async Task RecordOnBothSidesAsync(this IAuditTrail audit, CredentialsDbContext owner, AuditRecord record, CancellationToken ct)
    {
        await audit.RecordAsync(record, ct);
        if (owner.Tenant is { } origin && origin.Id != TenantContext.Current?.Id)
        {
            using (TenantContext.Begin(origin))
            {
                await audit.RecordAsync(record, ct);
            }
        }
    }
}
