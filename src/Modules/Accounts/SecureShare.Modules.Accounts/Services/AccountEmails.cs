using System.Net;
using SecureShare.BuildingBlocks.Messaging;

namespace SecureShare.Modules.Accounts.Services;

/// <summary>
/// The emails of accounts, in plain text and HTML. None carries a password or a secret: a link is single-use and
/// short-lived, and says when it ends; every message says what to do if it was not expected.
/// </summary>
internal static class AccountEmails
{
    public static EmailMessage Invitation(string to, string displayName, string inviter, string tenantName, string link, DateTimeOffset expires)
    {
        var subject = $"{inviter} invited you to {tenantName} on SecureShare";
        var until = expires.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var text = $"""
            Hello {displayName},

            {inviter} invited you to {tenantName} on SecureShare, where your team keeps its passwords and secrets.

            Choose your password here (the link works once, until {until}):
            {link}

            If you did not expect this, ignore this email: nothing happens without you.
            """;
        var html = Html(
            $"<p>Hello {Encode(displayName)},</p>"
            + $"<p>{Encode(inviter)} invited you to <strong>{Encode(tenantName)}</strong> on SecureShare, where your team keeps its passwords and secrets.</p>"
            + $"<p><a href=\"{Encode(link)}\">Choose your password</a> (the link works once, until {Encode(until)}).</p>"
            + "<p>If you did not expect this, ignore this email: nothing happens without you.</p>");
        return new EmailMessage(to, subject, text, html);
    }

    public static EmailMessage PasswordReset(string to, string displayName, string link)
    {
        const string Subject = "Reset your SecureShare password";
        var text = $"""
            Hello {displayName},

            Someone asked to reset the password of this SecureShare account. To choose a new one, open this link (it works once, for 30 minutes):
            {link}

            If it was not you, ignore this email: your password stays as it is.
            """;
        var html = Html(
            $"<p>Hello {Encode(displayName)},</p>"
            + "<p>Someone asked to reset the password of this SecureShare account.</p>"
            + $"<p><a href=\"{Encode(link)}\">Choose a new password</a> (the link works once, for 30 minutes).</p>"
            + "<p>If it was not you, ignore this email: your password stays as it is.</p>");
        return new EmailMessage(to, Subject, text, html);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Html(string body) =>
        $"<!DOCTYPE html><html><body style=\"font-family: sans-serif; line-height: 1.5\">{body}</body></html>";
}
