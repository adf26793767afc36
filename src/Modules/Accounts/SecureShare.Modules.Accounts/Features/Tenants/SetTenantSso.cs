using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Credentials.Contracts;

namespace SecureShare.Modules.Accounts.Features.Tenants;

/// <summary>
/// Admin: sets the own tenant's single sign-on through an OpenID Connect provider. The client secret is kept encrypted
/// under the tenant's data key and never shown again (left out, the stored one stays). Break-glass users must be the
/// tenant's Admins; mapped groups must be the tenant's. Audited without the secret.
/// </summary>
public static class SetTenantSso
{
    /// <summary>The roles a user created at their first single sign-on may get: an Admin is made by an Admin.</summary>
    public static readonly IReadOnlyList<UserRole> DefaultRoles = [UserRole.Member, UserRole.Technician];

    public sealed record Command(
        string? DisplayName,
        string? Authority,
        string? ClientId,
        string? ClientSecret,
        UserRole? DefaultRole,
        string? GroupClaim,
        Dictionary<string, Guid>? GroupMappings,
        IReadOnlyList<Guid>? BreakGlassUserIds,
        IReadOnlyList<string>? AllowedEmailDomains = null,
        bool? TrustEmailClaim = null) : ICommand<SsoDto>
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>
    /// Configuration: providers on this machine or a private network, and plain http, are allowed (a test's or a trial's
    /// provider). Off (the default), only https to public addresses.
    /// </summary>
    public const string AllowLocalProvidersKey = "Sso:AllowLocalProviders";

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/tenant/sso", async (Command command, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(command, ct)))
            .WithSummary("Admin: single sign-on for your tenant through an OpenID Connect provider (Entra ID, Okta, Google…); answers the redirect URI to register there and the sign-in link for your users.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IConfiguration configuration)
        {
            var allowLocal = configuration.GetValue<bool>(AllowLocalProvidersKey);
            RuleFor(c => c.Authority).NotEmpty().WithMessage("authority is required: the provider's issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0.")
                .MaximumLength(500).Must(a => IsProviderAddress(a, allowLocal)).WithMessage("authority must be an https address of the provider.");
            RuleFor(c => c.ClientId).NotEmpty().WithMessage("clientId is required: the application id the provider gave SecureShare.").MaximumLength(200);
            RuleFor(c => c.ClientSecret).MaximumLength(500);
            RuleFor(c => c.DisplayName).MaximumLength(100);
            RuleFor(c => c.DefaultRole).NotNull().WithMessage("defaultRole is required: the role of a user created at their first sign-in (Member or Technician).")
                .Must(r => r is { } role && DefaultRoles.Contains(role)).WithMessage("defaultRole is Member or Technician: an Admin is made by an Admin, not by a provider.");
            RuleFor(c => c.GroupClaim).MaximumLength(100);
            RuleFor(c => c.GroupMappings).Must(m => m is null || m.Count <= 100 && m.Keys.All(k => k.Length is > 0 and <= 200))
                .WithMessage("groupMappings holds at most 100 claim values (1 to 200 characters each).");
            RuleFor(c => c.BreakGlassUserIds).Must(ids => ids is null || ids.Count <= 10).WithMessage("At most 10 break-glass admins.");
            RuleFor(c => c.AllowedEmailDomains).Must(d => d is null || d.Count <= 20 && d.All(IsDomain))
                .WithMessage("allowedEmailDomains holds at most 20 domain names such as contoso.com (no @, no wildcard).");
        }

        private static bool IsDomain(string? domain) =>
            domain is not null && domain.Length is > 2 and <= 253 && domain.Contains('.', StringComparison.Ordinal) && Uri.CheckHostName(domain) == UriHostNameType.Dns;

        /// <summary>https without user info; http too where local providers are allowed (tests, trials).</summary>
        private static bool IsProviderAddress(string? value, bool allowLocal) =>
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Length == 0
            && (uri.Scheme == Uri.UriSchemeHttps || (allowLocal && uri.Scheme == Uri.UriSchemeHttp));
    }

    internal sealed class Handler(AccountsDbContext db, ICurrentUser caller, IMediator mediator, PublicAddress address, TimeProvider clock, IAuditTrail audit)
        : ICommandHandler<Command, SsoDto>
    {
        public async ValueTask<SsoDto> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var breakGlass = (command.BreakGlassUserIds ?? []).Distinct().ToList();
            var admins = await db.Users.Where(u => breakGlass.Contains(u.Id) && u.Role == UserRole.Admin && !u.IsDisabled).CountAsync(ct);
            if (admins != breakGlass.Count)
            {
                throw ValidationFailedException.For("breakGlassUserIds", "Every break-glass user must be an enabled Admin of this tenant.");
            }

            var mappings = command.GroupMappings ?? [];
            var groups = mappings.Values.Distinct().ToList();
            if (await db.Groups.CountAsync(g => groups.Contains(g.Id), ct) != groups.Count)
            {
                throw ValidationFailedException.For("groupMappings", "Every mapped group must be a security group of this tenant.");
            }

            var sso = await db.Sso.FirstOrDefaultAsync(ct);
            if (sso is null && string.IsNullOrEmpty(command.ClientSecret))
            {
                throw ValidationFailedException.For("clientSecret", "clientSecret is required the first time: the secret the provider gave SecureShare's application.");
            }

            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == me.Tenant.Id, ct);
            if (tenant.SsoRequired && breakGlass.Count == 0)
            {
                throw new ConflictException("Single sign-on is required in this tenant: keep at least one break-glass admin.");
            }

            var id = sso?.Id ?? Guid.CreateVersion7();
            var secret = string.IsNullOrEmpty(command.ClientSecret) ? sso!.ClientSecret : await mediator.Send(new SealTenantSecret(id, TenantSso.SecretField, command.ClientSecret), ct);
            if (sso is null)
            {
                sso = new TenantSso { Id = id, DisplayName = "", Authority = "", ClientId = "", ClientSecret = secret };
                db.Sso.Add(sso);
            }

            sso.DisplayName = string.IsNullOrWhiteSpace(command.DisplayName) ? "single sign-on" : command.DisplayName.Trim();
            sso.Authority = command.Authority!.Trim();
            sso.ClientId = command.ClientId!.Trim();
            sso.ClientSecret = secret;
            sso.DefaultRole = command.DefaultRole!.Value;
            sso.GroupClaim = string.IsNullOrWhiteSpace(command.GroupClaim) ? null : command.GroupClaim.Trim();
            sso.GroupMappings = System.Text.Json.JsonSerializer.Serialize(mappings);
            sso.BreakGlassUserIds = string.Join(',', breakGlass);
            sso.AllowedEmailDomains = string.Join(',', (command.AllowedEmailDomains ?? []).Select(d => d.Trim().ToLowerInvariant()).Distinct());
            sso.TrustEmailClaim = command.TrustEmailClaim ?? false;
            sso.Stamp = Guid.NewGuid();
            sso.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync(
                new AuditRecord(AccountAuditEvents.TenantSsoChanged, AuditOutcome.Succeeded, [],
                    new Dictionary<string, string>
                    {
                        ["authority"] = sso.Authority, ["clientId"] = sso.ClientId, ["secretChanged"] = (!string.IsNullOrEmpty(command.ClientSecret)).ToString(),
                        ["defaultRole"] = sso.DefaultRole.ToString(), ["breakGlassAdmins"] = breakGlass.Count.ToString(CultureInfo.InvariantCulture),
                        ["groupMappings"] = mappings.Count.ToString(CultureInfo.InvariantCulture),
                    }),
                ct);
            return SsoDto.Of(sso, tenant.Identifier, address.BaseUrl);
        }
    }
}
