using System.Net;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.ApiKeys;

/// <summary>
/// Makes an API key: for the caller (acting as them), or, by an Admin with <c>tenantWide</c>, for the tenant (acting as
/// itself). Its role is at most the creator's; it may be read-only, end, and be bound to addresses. The key is in this
/// answer only: it is stored as a hash.
/// </summary>
public static class CreateApiKey
{
    public sealed record Command(
        string? Name, UserRole? Role = null, bool ReadOnly = false, DateTimeOffset? ExpiresAt = null, IReadOnlyList<string>? AllowedIps = null, bool TenantWide = false)
        : ICommand<Response>;

    public sealed record Response(Guid Id, string Key, ApiKeyDto ApiKey)
    {
        public override string ToString() => Redacted.Text;
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/api-keys", async (Command command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/api-keys/{created.Id}", created);
            })
            .WithSummary("Make an API key (shown once) for yourself, or as an Admin for the tenant (tenantWide); its role is at most yours.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Name).ValidName();
            RuleFor(c => c.Role).IsInEnum().WithMessage("role is Admin, Technician or Member.");
            RuleFor(c => c.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("expiresAt must be in the future.");
            RuleFor(c => c.AllowedIps).Must(ips => ips is null || ips.Count <= 20).WithMessage("allowedIps holds at most 20 entries.");
            RuleForEach(c => c.AllowedIps).Must(ip => Canonical(ip) is not null)
                .WithMessage("Each of allowedIps is an address (203.0.113.7) or a CIDR range (203.0.113.0/24).");
        }
    }

    /// <summary>An address or range as stored (at most 43 characters: an IPv6 range), or null when it is neither.</summary>
    internal static string? Canonical(string? entry) =>
        entry is null || entry.Length > 64 ? null
        : IPAddress.TryParse(entry, out var address) ? address.ToString()
        : IPNetwork.TryParse(entry, out var network) ? network.ToString()
        : null;

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, TimeProvider clock, IAuditTrail audit) : ICommandHandler<Command, Response>
    {
        public async ValueTask<Response> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Required;
            if (command.TenantWide)
            {
                caller.Require(Ability.Administer);
            }

            var role = command.Role ?? me.Role;
            if (ApiKeyValidator.Lower(role, me.Role) != role)
            {
                throw ValidationFailedException.For("role", $"A key's role is at most yours ({me.Role}).");
            }

            var secret = ApiKey.Prefix + SecretTokens.New();
            var key = new ApiKey
            {
                Name = command.Name!.Trim(),
                Hint = secret[..9],
                KeyHash = SecretTokens.Hash(secret),
                OwnerUserId = command.TenantWide ? null : me.UserId,
                CreatedByUserId = me.UserId,
                Role = role,
                ReadOnly = command.ReadOnly,
                CreatedAt = clock.GetUtcNow(),
                ExpiresAt = command.ExpiresAt,
                AllowedIps = string.Join(',', (command.AllowedIps ?? []).Select(ip => Canonical(ip)!)),
            };
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(AccountAuditEvents.ApiKeyCreated, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.ApiKey, key.Id, key.Name)],
                    new Dictionary<string, string> { ["role"] = role.ToString(), ["readOnly"] = key.ReadOnly ? "true" : "false", ["tenantWide"] = command.TenantWide ? "true" : "false" }),
                ct);
            return new Response(key.Id, secret, key.ToDto());
        }
    }
}

internal static class ApiKeyMapping
{
    public static ApiKeyDto ToDto(this ApiKey k) => new(
        k.Id, k.Name, k.Hint, k.OwnerUserId, k.Role, k.ReadOnly, k.AllowedIps.Split(',', StringSplitOptions.RemoveEmptyEntries), k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.LastUsedIp);
}
