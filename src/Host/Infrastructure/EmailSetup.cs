using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SecureShare.BuildingBlocks.Messaging;

namespace SecureShare.Host.Infrastructure;

/// <summary>Email settings: <c>Email:Smtp:*</c>, <c>Email:From</c>, <c>Email:PickupDirectory</c>.</summary>
internal sealed class EmailOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    public string From { get; set; } = "SecureShare <no-reply@secureshare.invalid>";

    /// <summary>Where messages go when no SMTP host is set; relative to the data folder (default <c>outbox</c>, i.e. data/outbox).</summary>
    public string PickupDirectory { get; set; } = "outbox";

    internal sealed class SmtpOptions
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        public string? UserName { get; set; }

        public string? Password { get; set; }

        /// <summary>Upgrade the connection with STARTTLS (required when on); port 465 always speaks TLS from the start.</summary>
        public bool StartTls { get; set; } = true;
    }
}

/// <summary>
/// Email through MailKit: to the configured SMTP server, or — with no server configured, as on the embedded default —
/// as .eml files in the pickup folder (owner-only, like the rest of the data folder), which the console names at start.
/// </summary>
internal static class EmailSetup
{
    public static void AddEmail(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions();
        var from = MailboxAddress.Parse(options.From);
        if (options.Smtp.Host is { Length: > 0 })
        {
            services.AddSingleton<IEmailSender>(sp => new SmtpEmailSender(options.Smtp, from, sp.GetRequiredService<ILogger<SmtpEmailSender>>()));
            return;
        }

        var folder = Path.GetFullPath(options.PickupDirectory, dataDirectory);
        services.AddSingleton<IEmailSender>(sp => new PickupFolderEmailSender(folder, from, sp.GetRequiredService<TimeProvider>()));
        Console.Out.WriteLine($"Email: no SMTP server is configured (Email:Smtp:Host); messages are written to {folder}");
    }

    public static MimeMessage ToMime(EmailMessage message, MailboxAddress from)
    {
        if (!MailboxAddress.TryParse(message.To, out var to))
        {
            throw new EmailNotSentException("The email could not be sent: its address cannot be written in an email. Correct it, then try again.");
        }

        var mime = new MimeMessage { Subject = message.Subject };
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }
}

internal sealed class SmtpEmailSender(EmailOptions.SmtpOptions smtp, MailboxAddress from, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var security = smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : smtp.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
            if (smtp.UserName is { Length: > 0 })
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(EmailSetup.ToMime(message, from), cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException or AuthenticationException or SslHandshakeException)
        {
            // The subject and recipient's domain only: the body may hold a single-use link.
            logger.LogError(e, "Email '{Subject}' to a recipient at {Domain} could not be sent through {SmtpHost}:{SmtpPort}",
                message.Subject, message.To[(message.To.IndexOf('@') + 1)..], smtp.Host, smtp.Port);
            throw new EmailNotSentException("The email could not be sent: the mail server refused it or could not be reached. Check the mail settings, then try again.");
        }
    }
}

internal sealed class PickupFolderEmailSender(string folder, MailboxAddress from, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, DataDirectory.OwnerOnly);
        }

        var name = $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}.eml";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(Path.Combine(folder, name), options);
        await EmailSetup.ToMime(message, from).WriteToAsync(file, cancellationToken);
    }
}
