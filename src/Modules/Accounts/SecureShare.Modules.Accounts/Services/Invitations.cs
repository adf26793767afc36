using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Data;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// Inviting a user who has no password yet: a 72-hour single-use link, audited, emailed once the transaction has
/// committed (an email never announces what was rolled back). Nobody but the invitee ever knows their password.
/// </summary>
internal sealed class Invitations(DbSession session, IEmailSender email, PublicAddress address, TimeProvider clock, IAuditTrail audit)
{
    public const string UiPath = "/invite/";

    public async Task<DateTimeOffset> SendAsync(AccountsDbContext tenantDb, User invitee, string tenantName, string inviter, AuditActor? actor, CancellationToken ct)
    {
        var (token, expires) = await SingleUseLinks.IssueAsync(tenantDb, invitee.Id, LinkPurpose.Invitation, clock.GetUtcNow(), ct);
        await tenantDb.SaveChangesAsync(ct);
        await audit.RecordAsync(
            new AuditRecord(AccountAuditEvents.UserInvited, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.User, invitee.Id, invitee.DisplayName)],
                new Dictionary<string, string> { ["email"] = invitee.Email, ["role"] = invitee.Role.ToString(), ["expiresAt"] = expires.ToString("O") }, actor),
            ct);
        var message = AccountEmails.Invitation(invitee.Email, invitee.DisplayName, inviter, tenantName, address.BaseUrl + UiPath + token, expires);
        await session.AfterCommitAsync(() => email.SendAsync(message, CancellationToken.None));
        return expires;
    }
}
