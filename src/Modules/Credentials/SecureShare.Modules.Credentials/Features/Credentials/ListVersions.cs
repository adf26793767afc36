using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Credentials.Features.Credentials;

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

    internal sealed class Handler(VisibleCredentials credentials, TenantKeys keys, ICurrentUser caller, IAuditTrail audit)
        : ICommandHandler<Command, IReadOnlyList<CredentialVersionDto>>
    {
        public async ValueTask<IReadOnlyList<CredentialVersionDto>> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Use);
            var (credential, entry, owner) = await credentials.LoadAsync(command.Id, ct);
            var versions = owner.Versions.AsNoTracking().Where(v => v.CredentialId == command.Id);
            if (await credentials.HistorySinceAsync(entry, ct) is { } since)
            {
                versions = versions.Where(v => v.ReplacedAt >= since);
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
                new AuditRecord(CredentialAuditEvents.VersionsRevealed, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Credential, command.Id, credential.Name)],
                    new Dictionary<string, string> { ["versions"] = result.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                ct);
            return result;
        }
    }
}
