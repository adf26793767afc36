using SecureShare.BuildingBlocks.Security;

namespace SecureShare.BuildingBlocks.Messaging;

/// <summary>
/// An email to one person, in plain text and HTML. It never carries a password or a credential's secret; a link in it
/// (an invitation, a password reset) is single-use and short-lived, so it never appears in a log either.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Text, string Html)
{
    public override string ToString() => Redacted.Text;
}

/// <summary>Sends email: through the configured SMTP server, or into the pickup folder when none is configured.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>What was asked is saved, but its email could not be sent (the SMTP server refused or could not be reached).</summary>
public sealed class EmailNotSentException(string detail)
    : AppException(503, "Email not sent", detail);
