using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Audit.Data;
using SecureShare.Modules.Audit.Domain;
using SecureShare.Modules.Audit.Features.Chain;
using SecureShare.Modules.Audit.Services;

namespace SecureShare.Modules.Audit.Features.Export;

/// <summary>How an export is written.</summary>
public enum AuditExportFormat
{
    /// <summary>One JSON object per line (<see cref="AuditLogEntryDto"/>), then a last line <c>{"head": …}</c>.</summary>
    [JsonStringEnumMemberName("jsonl")]
    Jsonl,

    /// <summary>RFC 4180 CSV with a header row; targets as a JSON array of <c>{kind, id, name}</c>, details as a JSON object.</summary>
    [JsonStringEnumMemberName("csv")]
    Csv,
}

/// <summary>
/// The caller tenant's log (filtered as the list is) in chain order, streamed a page at a time whatever its size,
/// with the chain head signed at the moment of export in the response headers (and, in JSONL, a last line). An
/// unfiltered export is what <c>scripts/audit-chain.py</c> recomputes the chain from. The export is itself audited.
/// </summary>
public static class ExportAuditLog
{
    private const int PageSize = 1000;

    public const string JsonlType = "application/x-ndjson";

    public const string CsvType = "text/csv";

    public sealed record Command(string? Format, DateTimeOffset? From, DateTimeOffset? To, string? Type, Guid? ActorId, Guid? CredentialId, string? ActorTenant = null, Guid? PartnerId = null)
        : ICommand<AuditExport>
    {
        internal AuditFilter Filter => new(From, To, ActorId, Type, CredentialId, ActorTenant, PartnerId);
    }

    /// <summary>An export ready to write: its format, the head signed for it, and its entries, read as they are written.</summary>
    public sealed record AuditExport(AuditExportFormat Format, SignedHeadDto? Head, IAsyncEnumerable<AuditLogEntryDto> Entries);

    /// <summary>
    /// Maps the export at <c>/audit/export</c> on <paramref name="routes"/>: the API's group (bearer token), and the web
    /// UI's root (its cookie), so the audit page's export buttons download the same file.
    /// </summary>
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/audit/export", async (
                    string? format, DateTimeOffset? from, DateTimeOffset? to, string? type, Guid? actorId, Guid? credentialId, string? actorTenant, Guid? partnerId,
                    IMediator mediator, CancellationToken ct) =>
                new ExportResult(await mediator.Send(new Command(format, from, to, type, actorId, credentialId, actorTenant, partnerId), ct)))
            .Produces(StatusCodes.Status200OK, typeof(string), JsonlType, CsvType)
            .WithSummary("Admin: the own tenant's audit log as JSONL or CSV, streamed in chain order, with its head signed now (Audit-Head-* headers).");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Format).Must(f => f is null || WireName.Parse<AuditExportFormat>(f) is not null)
                .WithMessage("format must be jsonl or csv.");
            AuditFilter.Rules(this, c => c.Filter);
        }
    }

    internal sealed class Handler(
        AuditDbContext db, AuditLogEntries entries, ICurrentUser caller, IAuditTrail trail, AuditSigningKey key, TimeProvider clock)
        : ICommandHandler<Command, AuditExport>
    {
        public async ValueTask<AuditExport> Handle(Command command, CancellationToken ct)
        {
            caller.Require(Ability.Administer);
            var format = WireName.Parse<AuditExportFormat>(command.Format) ?? AuditExportFormat.Jsonl;
            var head = await db.Heads.AsNoTracking().SingleOrDefaultAsync(ct);
            // A head is signed anew only if it is as the key signed it; one changed behind the log's back goes out as
            // stored, and fails every check of its signature.
            var signed = head is null ? null : SignedHeadDto.From(head);
            if (head is not null && key.Signed(head))
            {
                var at = AuditChain.SigningInstant(clock.GetUtcNow());
                signed = signed! with { SignedAt = at, Signature = Convert.ToBase64String(key.SignHead(head, at)) };
            }

            var details = new Dictionary<string, string> { ["format"] = WireName.Of(format) };
            void Note(string name, object? value)
            {
                if (value is not null)
                {
                    details[name] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                }
            }

            Note("from", command.From?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            Note("to", command.To?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            Note("type", command.Type);
            Note("actorId", command.ActorId);
            Note("credentialId", command.CredentialId);
            Note("actorTenant", command.ActorTenant);
            await trail.RecordAsync(new AuditRecord(AuditLogEvents.Exported, AuditOutcome.Succeeded, [], details), ct);
            return new AuditExport(format, signed, ReadAsync(command.Filter, head?.Index ?? 0, ct));
        }

        private async IAsyncEnumerable<AuditLogEntryDto> ReadAsync(AuditFilter filter, long last, [EnumeratorCancellation] CancellationToken ct)
        {
            var after = 0L;
            IReadOnlyList<AuditLogEntryDto> linked;
            do
            {
                linked = await entries.LinkedAsync(filter, after, last, PageSize, ct);
                foreach (var entry in linked)
                {
                    yield return entry;
                    after = entry.Sequence!.Value;
                }
            }
            while (linked.Count == PageSize);

            var afterSequence = 0L;
            IReadOnlyList<(long Sequence, AuditLogEntryDto Entry)> unlinked;
            do
            {
                unlinked = await entries.UnlinkedAsync(filter, last, afterSequence, PageSize, ct);
                foreach (var (sequence, entry) in unlinked)
                {
                    yield return entry;
                    afterSequence = sequence;
                }
            }
            while (unlinked.Count == PageSize);
        }
    }

    /// <summary>Writes an export to the response as it is read: headers first, then a page at a time.</summary>
    private sealed class ExportResult(AuditExport export) : IResult
    {
        private static readonly string[] CsvHeader =
        [
            "sequence", "hash", "id", "at", "tenantId", "tenantName", "type", "outcome", "summary",
            "actorUserId", "actorName", "actorTenantId", "actorTenantName", "ip", "userAgent", "targets", "details",
        ];

        /// <summary>
        /// A value a spreadsheet would take for a formula (it starts with = + - @, a tab or a return) gets a leading
        /// apostrophe, and so does one that starts with an apostrophe: a reader removes exactly one leading apostrophe
        /// to get the value back, byte for byte, as the chain needs it.
        /// </summary>
        internal static string? Cell(string? value) =>
            value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'' ? "'" + value : value;

        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            if (export.Head is { } head)
            {
                response.Headers["Audit-Head-Sequence"] = head.Sequence.ToString(CultureInfo.InvariantCulture);
                response.Headers["Audit-Head-Hash"] = head.Hash;
                response.Headers["Audit-Head-Start-Sequence"] = head.StartSequence.ToString(CultureInfo.InvariantCulture);
                response.Headers["Audit-Head-Start-Hash"] = head.StartHash ?? string.Empty;
                response.Headers["Audit-Head-Signed-At"] = head.SignedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
                response.Headers["Audit-Head-Signature"] = head.Signature;
                response.Headers["Audit-Head-Key-Id"] = head.KeyId;
            }

            var extension = export.Format == AuditExportFormat.Csv ? "csv" : "jsonl";
            response.ContentType = export.Format == AuditExportFormat.Csv ? $"{CsvType}; charset=utf-8" : JsonlType;
            response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{extension}\"";
            response.Headers.CacheControl = "no-store";
            var ct = http.RequestAborted;
            if (export.Format == AuditExportFormat.Csv)
            {
                // The spreadsheet defence is Cell's (reversible), not the library's, so the values stay exact.
                await using var csv = CsvWriter.Create(response.Body, CsvWriterOptions.Default, leaveOpen: true);
                await csv.WriteRecordAsync(CsvHeader, ct);
                await foreach (var entry in export.Entries.WithCancellation(ct))
                {
                    var e = entry.Event;
                    string?[] fields =
                    [
                        entry.Sequence?.ToString(CultureInfo.InvariantCulture), entry.Hash, e.Id.ToString("D"),
                        e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), e.TenantId.ToString("D"), e.TenantName,
                        e.Type, e.Outcome.ToString(), e.Summary, e.Actor.UserId?.ToString("D"), e.Actor.Name, e.Actor.TenantId?.ToString("D"), e.Actor.TenantName,
                        e.Ip, e.UserAgent, JsonSerializer.Serialize(e.Targets, json), e.Details is null ? null : JsonSerializer.Serialize(e.Details, json),
                    ];
                    await csv.WriteRecordAsync(fields.Select(Cell).ToArray()!, ct);
                }

                await csv.FlushAsync(ct);
                return;
            }

            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
            await foreach (var entry in export.Entries.WithCancellation(ct))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(entry, json).AsMemory(), ct);
            }

            await writer.WriteLineAsync(JsonSerializer.Serialize(new { head = export.Head }, json).AsMemory(), ct);
            await writer.FlushAsync(ct);
        }
    }
}
