using System.Text;
using System.Text.RegularExpressions;
using SecureShare.BuildingBlocks.Messaging;

namespace SecureShare.Modules.Audit.Domain;

/// <summary>
/// An event as one sentence, from the names it stored when it happened: "Dana (Acme MSP) revealed 'Contoso NAS'". A
/// phrase names its targets by kind (<c>{credential}</c>); named targets it does not mention follow it after a dot. Shown
/// in the UI, the CSV and the API's <c>summary</c>; never part of the hash.
/// </summary>
internal static partial class AuditSummary
{
    private const int MostNamesPerKind = 3;

    private static readonly Dictionary<string, string> Phrases = new(StringComparer.Ordinal)
    {
        [PipelineAuditEvents.AccessDenied] = "was denied access",
        [PipelineAuditEvents.RequestRefused] = "was refused a request",
        [PipelineAuditEvents.RefusalsThrottled] = "was throttled",
        ["auth.login.succeeded"] = "signed in",
        ["auth.login.failed"] = "failed to sign in",
        ["auth.mfa.due"] = "gave the right password; a second factor is due",
        ["auth.mfa.failed"] = "failed the second factor of a sign-in",
        ["user.mfa.totp.enrolment-started"] = "began enrolling an authenticator app for {user}",
        ["user.mfa.totp.enrolled"] = "turned on an authenticator app for {user}",
        ["user.mfa.totp.removed"] = "removed the authenticator app of {user}",
        ["user.mfa.passkey.added"] = "added a passkey for {user}",
        ["user.mfa.passkey.removed"] = "removed a passkey of {user}",
        ["user.invited"] = "invited {user}",
        ["user.invitation.accepted"] = "accepted the invitation of {user}",
        ["user.password.reset.requested"] = "asked for a password reset link for {user}",
        ["user.password.reset"] = "reset the password of {user} by email",
        ["apikey.created"] = "made API key {api-key}",
        ["apikey.revoked"] = "revoked API key {api-key}",
        ["user.mfa.reset"] = "reset the second factors of {user}",
        ["tenant.policy.changed"] = "changed the sign-in policy",
        ["tenant.sso.changed"] = "changed the single sign-on settings",
        ["tenant.sso.removed"] = "removed single sign-on",
        ["auth.sso.failed"] = "was refused at single sign-on",
        ["user.groups.synced"] = "took the groups of {user} from single sign-on",
        ["user.mfa.recovery-codes.renewed"] = "made new recovery codes for {user}",
        ["tenant.created"] = "created tenant {tenant}",
        ["client.created"] = "created client {tenant}",
        ["client.offboarded"] = "offboarded client {tenant}",
        ["tenant.offboarded"] = "offboarded this tenant (its MSP {tenant})",
        ["user.created"] = "created user {user}",
        ["user.updated"] = "updated user {user}",
        ["user.offboarded"] = "offboarded {user}",
        ["user.password.changed"] = "changed the password of {user}",
        ["user.password.change.failed"] = "failed to change the password of {user}",
        ["session.ended"] = "ended a session of {user}",
        ["group.created"] = "created group {group}",
        ["group.members.changed"] = "changed the members of {group}",
        ["credential.created"] = "created {credential}",
        ["credential.updated"] = "updated {credential}",
        ["credential.deleted"] = "deleted {credential}",
        ["credential.handed-over"] = "handed {credential} over to {tenant} for good",
        ["credential.taken-over"] = "handed {credential} over from {tenant}: this tenant owns it now",
        ["credential.revealed"] = "revealed {credential}",
        ["credential.versions.revealed"] = "revealed earlier versions of {credential}",
        ["credential.totp-code.read"] = "read the current one-time code of {credential}",
        ["credentials.imported"] = "imported credentials from a file",
        ["credentials.import.kept"] = "sent a large import, kept sealed until its job runs it",
        ["credentials.exported"] = "exported credentials with their secrets to a file",
        ["credentials.handover.downloaded"] = "downloaded the handover package of {tenant}",
        ["credential.attachment.added"] = "attached a file to {credential}",
        ["credential.attachment.replaced"] = "replaced a file of {credential}",
        ["credential.attachment.deleted"] = "deleted a file of {credential}",
        ["credential.attachment.downloaded"] = "downloaded a file of {credential}",
        ["credential.attachment.integrity-failed"] = "was not sent a file of {credential}: it failed its integrity check",
        ["credential.exposure.flagged"] = "flagged {credential} for rotation: {user} knew it",
        ["security.data-key.rewrapped"] = "re-wrapped data key {data-key}",
        ["folder.created"] = "created folder {folder}",
        ["folder.updated"] = "updated folder {folder}",
        ["folder.deleted"] = "deleted folder {folder}",
        ["placement.moved"] = "moved {credential}",
        ["share.created"] = "shared {credential} with {tenant}",
        ["share.received"] = "shared {credential} with this tenant from {tenant}",
        ["share.refused"] = "was refused sharing {credential} with {tenant}",
        ["share.updated"] = "changed the share of {credential} between this tenant and {tenant}",
        ["share.stopped"] = "stopped the share of {credential} between this tenant and {tenant}",
        ["share.stopped-by-target"] = "stopped receiving {credential} (shared between this tenant and {tenant})",
        ["share.revoked"] = "revoked the share of {credential} between this tenant and {tenant}",
        ["share.expired"] = "ended the expired share of {credential} between this tenant and {tenant}",
        ["share.deleted"] = "ended the share of {credential} between this tenant and {tenant} by deleting it",
        ["share.rule.saved"] = "set a rule sharing folder {folder} with {tenant}",
        ["share.rule.removed"] = "removed the rule sharing folder {folder} with {tenant}",
        ["share.rule.folder-chosen"] = "chose where credentials shared by a rule of {tenant} arrive",
        ["link.created"] = "created link {link}",
        ["link.opened"] = "opened link {link}",
        ["link.file.downloaded"] = "fetched a file of link {link}",
        ["link.open.refused"] = "was refused opening link {link}",
        ["link.passphrase.failed"] = "gave a wrong passphrase for link {link}",
        ["link.locked"] = "locked link {link} after wrong passphrases",
        ["link.expired"] = "ended expired link {link}",
        ["link.revoked"] = "revoked link {link}",
        ["link.policy.changed"] = "changed the link policy",
        [AuditLogEvents.Exported] = "exported the audit log",
        [AuditLogEvents.PolicyChanged] = "changed the audit retention",
        [AuditLogEvents.RetentionApplied] = "removed audit events past retention",
    };

    public static string Describe(AuditEvent e)
    {
        var text = new StringBuilder(e.ActorName);
        if (e.ActorTenantName is { } tenant)
        {
            text.Append(" (").Append(tenant).Append(')');
        }

        var named = new HashSet<string>(StringComparer.Ordinal);
        var phrase = Phrases.GetValueOrDefault(e.Type, e.Type);
        text.Append(' ').Append(Placeholder().Replace(phrase, m =>
        {
            var kind = m.Groups[1].Value;
            named.Add(kind);
            var of = e.Targets.Where(t => t.Kind == kind).ToList();
            return of.Count == 0 ? "(unnamed)" : Names(of);
        }));
        foreach (var group in e.Targets.Where(t => t.Name is not null && !named.Contains(t.Kind)).GroupBy(t => t.Kind))
        {
            text.Append(" · ").Append(group.Key).Append(' ').Append(Names(group.ToList()));
        }

        if (e.Outcome != AuditOutcome.Succeeded)
        {
            text.Append(" (").Append(e.Outcome.ToString().ToLowerInvariant()).Append(')');
        }

        return text.ToString();
    }

    private static string Names(IReadOnlyList<AuditEventTarget> targets)
    {
        var names = targets.Take(MostNamesPerKind).Select(t => t.Name is { } name ? $"'{name}'" : t.TargetId.ToString("D")).ToList();
        var more = targets.Count - names.Count;
        return string.Join(", ", names) + (more > 0 ? $" and {more} more" : "");
    }

    [GeneratedRegex(@"\{([a-z\-]+)\}")]
    private static partial Regex Placeholder();
}
