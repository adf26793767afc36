using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>
/// The recipient opens a link share: one view counted, its sealed content answered (see <see cref="RecipientLinks"/>), and,
/// when it carries files, a grant to fetch them for a while (<see cref="DownloadLinkFile"/>), the last view included.
/// </summary>
public static class OpenLink
{
    /// <summary>
    /// The sealed content for the page to open with the key after '#', and the link's files: each fetched with
    /// <c>filesGrant</c> (for <see cref="LinkLimits.FilesGrant"/>) and opened with a key derived from the same key.
    /// </summary>
    public sealed record OpenedDto(
        string Title, string Nonce, string Ciphertext, int Views, int MaxViews, DateTimeOffset ExpiresAt, IReadOnlyList<LinkFileDto> Files, string? FilesGrant)
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>A file of a link: its id (for its url, its key and its chunks' associated data), name, size and type.</summary>
    public sealed record LinkFileDto(Guid Id, string Name, long Size, string ContentType);

    public sealed record Body(string? Passphrase)
    {
        public override string ToString() => Redacted.Text;
    }

    public enum Outcome
    {
        Opened,
        Gone,
        PassphraseRequired,
        WrongPassphrase,
    }

    public sealed record Result(Outcome Outcome, OpenedDto? Content = null, int AttemptsLeft = 0)
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>Not an ICommand: its handler checks the passphrase's slow hash first and only then opens its transaction, so no lock is held during the check.</summary>
    public sealed record Command(string Token, string? Passphrase) : IRequest<Result>
    {
        public override string ToString() => Redacted.Text;
    }

    private static readonly AuditActor Recipient = new(null, "link recipient");

    internal static void Map(IEndpointRouteBuilder links) =>
        links.MapPost("/{token}/open", async Task<Results<Ok<OpenedDto>, ProblemHttpResult>> (string token, Body? body, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                var result = await mediator.Send(new Command(token, body?.Passphrase), ct);
                return result.Outcome switch
                {
                    Outcome.Opened => TypedResults.Ok(result.Content!),
                    Outcome.PassphraseRequired => TypedResults.Problem(
                        "This link needs its passphrase.", statusCode: 403, title: "Passphrase required",
                        extensions: new Dictionary<string, object?> { ["passphraseRequired"] = true }),
                    Outcome.WrongPassphrase => TypedResults.Problem(
                        result.AttemptsLeft > 0
                            ? $"The passphrase is wrong. {result.AttemptsLeft} attempt(s) left before the link locks."
                            : "The passphrase is wrong. The link is now locked.",
                        statusCode: 403, title: "Wrong passphrase",
                        extensions: new Dictionary<string, object?> { ["passphraseRequired"] = true, ["attemptsLeft"] = result.AttemptsLeft }),
                    _ => RecipientLinks.Gone(),
                };
            })
            .WithSummary("Open a link share: counts one view and answers its sealed content.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status410Gone);

    /// <summary>
    /// Opens a link. The passphrase's slow hash is checked before the transaction, so it holds no lock (the
    /// SQLite writer queue, a PostgreSQL row). Then one transaction records the outcome with its audit event:
    /// a wrong passphrase counts by one conditional UPDATE (<c>FailedAttempts &lt; 5</c>; the fifth also deletes
    /// the ciphertext, locking the link), and a view counts by one conditional UPDATE that also deletes the
    /// ciphertext on the last view and requires the link unlocked. Of two recipients racing for the last
    /// view exactly one gets the content; of parallel guesses at most five count and the rest find it gone.
    /// </summary>
    internal sealed class Handler(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, DbSession session, ITenantStore tenants,
        IPasswordHasher<LinkShare> hasher, TimeProvider clock, IAuditTrail audit) : IRequestHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            if (await RecipientLinks.FindAsync(db, command.Token, ct) is not { } link || await tenants.FindAsync(link.TenantId, ct) is not { } tenant)
            {
                return new Result(Outcome.Gone);
            }

            var now = clock.GetUtcNow();
            using var scope = TenantContext.Begin(tenant);
            var row = contexts.Create().Links.Where(l => l.Id == link.Id);
            var state = link.StateAt(now);
            var outcome = state != LinkState.Active ? Outcome.Gone
                : link.PassphraseHash is null ? Outcome.Opened
                : string.IsNullOrEmpty(command.Passphrase) ? Outcome.PassphraseRequired
                : hasher.VerifyHashedPassword(link, link.PassphraseHash, command.Passphrase) == PasswordVerificationResult.Failed ? Outcome.WrongPassphrase
                : Outcome.Opened;
            return await session.InTransactionAsync(
                () => outcome switch
                {
                    Outcome.Gone => RefusedAsync(link, WireName.Of(state), Outcome.Gone, ct),
                    Outcome.PassphraseRequired => RefusedAsync(link, "passphrase-missing", Outcome.PassphraseRequired, ct),
                    Outcome.WrongPassphrase => WrongPassphraseAsync(link, row, ct),
                    _ => ViewAsync(link, row, now, ct),
                },
                ct);
        }

        private async Task<Result> ViewAsync(LinkShare link, IQueryable<LinkShare> row, DateTimeOffset now, CancellationToken ct)
        {
            var files = await contexts.Create().LinkFiles.AsNoTracking().Where(f => f.LinkId == link.Id).OrderBy(f => f.Position)
                .Select(f => new LinkFileDto(f.StoredFileId, f.Name, f.Size, f.ContentType)).ToListAsync(ct);
            var grant = files.Count > 0 ? RandomNumberGenerator.GetBytes(16) : null;
            var grantHash = grant is null ? null : SHA256.HashData(grant);
            DateTimeOffset? grantUntil = grant is null ? null : now + LinkLimits.FilesGrant;
            var counted = await row.Where(l => l.Views < l.MaxViews && l.Ciphertext != null && l.RevokedAt == null && l.ExpiresAt > now
                    && l.FailedAttempts < LinkLimits.MaxFailedPassphrases)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(l => l.Views, l => l.Views + 1)
                        .SetProperty(l => l.Ciphertext, l => l.Views + 1 >= l.MaxViews ? null : l.Ciphertext)
                        .SetProperty(l => l.FilesGrantHash, grantHash)
                        .SetProperty(l => l.FilesGrantExpiresAt, grantUntil),
                    ct);
            if (counted == 0)
            {
                return await RefusedAsync(link, "gone-meanwhile", Outcome.Gone, ct);
            }

            var views = await row.Select(l => l.Views).FirstAsync(ct);
            await audit.RecordAsync(
                LinkStates.Record(LinkAuditEvents.Opened, link, details: new() { ["view"] = $"{views} of {link.MaxViews}" }, actor: Recipient), ct);
            return new Result(Outcome.Opened, new OpenedDto(
                link.Title, Base64Url.EncodeToString(link.Nonce), Base64Url.EncodeToString(link.Ciphertext!), views, link.MaxViews, link.ExpiresAt,
                files, grant is null ? null : Base64Url.EncodeToString(grant)));
        }

        private async Task<Result> WrongPassphraseAsync(LinkShare link, IQueryable<LinkShare> row, CancellationToken ct)
        {
            // The attempt that reaches the limit also locks the link: its ciphertext goes in the same statement.
            var counted = await row.Where(l => l.FailedAttempts < LinkLimits.MaxFailedPassphrases && l.Ciphertext != null)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(l => l.FailedAttempts, l => l.FailedAttempts + 1)
                        .SetProperty(l => l.Ciphertext, l => l.FailedAttempts + 1 >= LinkLimits.MaxFailedPassphrases ? null : l.Ciphertext),
                    ct);
            if (counted == 0)
            {
                return await RefusedAsync(link, "gone-meanwhile", Outcome.Gone, ct);
            }

            var attempts = await row.Select(l => l.FailedAttempts).FirstAsync(ct);
            var left = Math.Max(0, LinkLimits.MaxFailedPassphrases - attempts);
            var records = new List<AuditRecord>
            {
                LinkStates.Record(LinkAuditEvents.PassphraseFailed, link, AuditOutcome.Failed,
                    new() { ["attempt"] = attempts.ToString(CultureInfo.InvariantCulture) }, Recipient),
            };
            if (left == 0)
            {
                records.Add(LinkStates.Record(LinkAuditEvents.Locked, link, details: new() { ["reason"] = "too many wrong passphrases" }, actor: Recipient));
            }

            await audit.RecordManyAsync(records, ct);
            return new Result(Outcome.WrongPassphrase, AttemptsLeft: left);
        }

        private async Task<Result> RefusedAsync(LinkShare link, string reason, Outcome outcome, CancellationToken ct)
        {
            await audit.RecordAsync(LinkStates.Record(LinkAuditEvents.OpenRefused, link, AuditOutcome.Denied, new() { ["reason"] = reason }, Recipient), ct);
            return new Result(outcome);
        }
    }
}
