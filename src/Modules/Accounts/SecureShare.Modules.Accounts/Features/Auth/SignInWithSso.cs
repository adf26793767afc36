using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.Auth;

/// <summary>
/// A sign-in the tenant's OpenID Connect provider vouched for (the Host's handler checked the id token). Its email must be
/// verified (<c>email_verified</c>, or a provider the admin said to trust); the user is found by that email in the tenant,
/// or created with the default role when the email's domain is one the admin allowed; from then on bound to the
/// provider's subject, so an email later given to someone else at the provider does not open this account. Break-glass
/// admins never sign in here: they are the way in when the provider is the problem. Mapped security groups follow the
/// groups claim at every sign-in. Every refusal is audited in the tenant.
/// </summary>
public static class SignInWithSso
{
    public sealed record Command(
        Guid TenantId, Guid Stamp, string Subject, string? Email, bool EmailVerified, string? Name, IReadOnlyList<string> Groups, SessionKind Kind = SessionKind.Ui)
        : ICommand<Outcome>
    {
        public override string ToString() => Redacted.Text;
    }

    public enum Refusal
    {
        /// <summary>The settings changed since the sign-in started: start again.</summary>
        SettingsChanged,

        /// <summary>The provider sent no email.</summary>
        NoEmail,

        /// <summary>The provider did not say the email is verified (and is not trusted to without saying).</summary>
        EmailNotVerified,

        /// <summary>No account has this email, and its domain is not one where first sign-ins create accounts.</summary>
        NotInvited,

        /// <summary>The email belongs to an account of another tenant.</summary>
        EmailElsewhere,

        /// <summary>The account is disabled, a break-glass admin's, or bound to another subject of the provider.</summary>
        NotThisAccount,
    }

    public sealed record Outcome(Login.Response? Session, Refusal? Refused)
    {
        public override string ToString() => Redacted.Text;
    }

    internal sealed class Handler(
        AccountsDbContext db,
        ModuleDbContextFactory<AccountsDbContext> contexts,
        AccountProvisioning accounts,
        SignIns signIns,
        IAuditTrail audit) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken ct)
        {
            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == command.TenantId, ct);
            using var scope = TenantContext.Begin(tenant.ToInfo());
            var tenantDb = contexts.Create();
            var sso = await tenantDb.Sso.AsNoTracking().FirstOrDefaultAsync(ct);
            if (sso is null || sso.Stamp != command.Stamp)
            {
                return await RefuseAsync(Refusal.SettingsChanged, null, ct);
            }

            if (string.IsNullOrWhiteSpace(command.Email))
            {
                return await RefuseAsync(Refusal.NoEmail, null, ct);
            }

            if (!command.EmailVerified && !sso.TrustEmailClaim)
            {
                return await RefuseAsync(Refusal.EmailNotVerified, null, ct);
            }

            var email = User.NormalizeEmail(command.Email);
            // Deliberate bypass: emails are unique across the installation; one of another tenant is refused, never joined.
            var user = await db.Users.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
            if (user is not null && user.TenantId != tenant.Id)
            {
                return await RefuseAsync(Refusal.EmailElsewhere, null, ct);
            }

            if (user is null)
            {
                var domain = command.Email.Trim()[(command.Email.Trim().LastIndexOf('@') + 1)..].ToLowerInvariant();
                if (!sso.EmailDomains.Contains(domain, StringComparer.Ordinal))
                {
                    return await RefuseAsync(Refusal.NotInvited, null, ct);
                }

                var name = string.IsNullOrWhiteSpace(command.Name) ? command.Email.Trim() : command.Name.Trim();
                user = await accounts.AddUserAsync(tenantDb, command.Email, name[..Math.Min(name.Length, 100)], sso.DefaultRole, "", actor: null, ct);
            }

            if (user.IsDisabled || sso.BreakGlass.Contains(user.Id) || (user.SsoSubject is { } bound && bound != command.Subject))
            {
                return await RefuseAsync(Refusal.NotThisAccount, user, ct);
            }

            if (user.SsoSubject is null
                && await tenantDb.Users.Where(u => u.Id == user.Id && u.SsoSubject == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.SsoSubject, command.Subject), ct) == 0)
            {
                return await RefuseAsync(Refusal.NotThisAccount, user, ct);
            }

            await SyncGroupsAsync(tenantDb, sso, user, command.Groups, ct);
            return new Outcome(await signIns.StartSessionAsync(tenantDb, user, tenant, command.Kind, SignInMethod.Sso, ct), null);
        }

        /// <summary>Mapped groups follow the claim: a user is added to those whose value the claim carries and removed from the other mapped ones.</summary>
        private async Task SyncGroupsAsync(AccountsDbContext tenantDb, TenantSso sso, User user, IReadOnlyList<string> claimed, CancellationToken ct)
        {
            if (sso.GroupClaim is null)
            {
                return;
            }

            // A mapped group deleted since is no mapping.
            var mappedIds = sso.Mappings.Values.Distinct().ToList();
            var existing = await tenantDb.Groups.Where(g => mappedIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
            var mappings = sso.Mappings.Where(m => existing.Contains(m.Value)).ToDictionary();
            if (mappings.Count == 0)
            {
                return;
            }

            var wanted = mappings.Where(m => claimed.Contains(m.Key, StringComparer.Ordinal)).Select(m => m.Value).ToHashSet();
            var mapped = mappings.Values.ToHashSet();
            var current = await tenantDb.GroupMembers.Where(m => m.UserId == user.Id && mapped.Contains(m.GroupId)).Select(m => m.GroupId).ToListAsync(ct);
            var added = wanted.Except(current).ToList();
            var removed = current.Except(wanted).ToList();
            if (added.Count == 0 && removed.Count == 0)
            {
                return;
            }

            tenantDb.GroupMembers.AddRange(added.Select(g => new GroupMember { GroupId = g, UserId = user.Id }));
            await tenantDb.GroupMembers.Where(m => m.UserId == user.Id && removed.Contains(m.GroupId)).ExecuteDeleteAsync(ct);
            await tenantDb.SaveChangesAsync(ct);
            var names = await tenantDb.Groups.Where(g => added.Contains(g.Id) || removed.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
            await audit.RecordAsync(
                new AuditRecord(AccountAuditEvents.GroupsSyncedFromSso, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, user.Id, user.DisplayName)],
                    new Dictionary<string, string>
                    {
                        ["added"] = string.Join(", ", added.Select(g => names[g])), ["removed"] = string.Join(", ", removed.Select(g => names[g])),
                    },
                    new AuditActor(user.Id, user.DisplayName)),
                ct);
        }

        private async Task<Outcome> RefuseAsync(Refusal refusal, User? user, CancellationToken ct)
        {
            if (user is not null)
            {
                await signIns.FailedAsync(user, AccountAuditEvents.SsoFailed, refusal.ToString(), ct);
            }
            else
            {
                await audit.RecordAsync(new AuditRecord(AccountAuditEvents.SsoFailed, AuditOutcome.Failed, [], new Dictionary<string, string> { ["reason"] = refusal.ToString() }), ct);
            }

            return new Outcome(null, refusal);
        }
    }
}
