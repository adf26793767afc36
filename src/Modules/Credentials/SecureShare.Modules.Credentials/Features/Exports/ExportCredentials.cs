using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Modules.Credentials.Features.Exports;

/// <summary>The files an export writes.</summary>
public enum ExportFormat
{
    /// <summary>Bitwarden's JSON export, unencrypted: every secret readable by whoever holds the file.</summary>
    [JsonStringEnumMemberName("bitwarden-json")]
    BitwardenJson,

    /// <summary>Bitwarden's password-protected JSON export: the same content sealed under a key derived from a password.</summary>
    [JsonStringEnumMemberName("bitwarden-json-encrypted")]
    BitwardenJsonEncrypted,

    /// <summary>Bitwarden's CSV layout, for another product to import (no field flags, no history; values exact, so not for a spreadsheet).</summary>
    [JsonStringEnumMemberName("csv")]
    Csv,
}

/// <summary>
/// An Admin takes the tenant's own credentials (or a folder's, with its subfolders) out in a file another product reads:
/// only after a fresh second-factor check, and every credential in the file is audited as exported — a read of its
/// secret that the "who knew this" report counts — in the transaction that decides what the file holds, before a byte is
/// sent. Credentials shared with the tenant stay with their origin, which exports them. The file is then written as it
/// is sent (<see cref="ExportWriter"/>): the password's slow key derivation runs there, outside any transaction.
/// </summary>
public static class ExportCredentials
{
    public const int MinPasswordLength = 12;

    public sealed record Body(ExportFormat? Format, Guid? FolderId, string? Password)
    {
        public override string ToString() => Redacted.Text;
    }

    public sealed record Command(ExportFormat? Format, Guid? FolderId, string? Password) : ICommand<ExportPlan>, IAuditsRefusals
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>Decides and audits the export, then writes it as the response: the API's route and the UI's dialog alike.</summary>
    public static async Task SendAsync(HttpContext http, Command command, CancellationToken ct)
    {
        var plan = await http.RequestServices.GetRequiredService<IMediator>().Send(command, ct);
        await ExportWriter.SendAsync(plan, http, ct);
    }

    internal static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/exports", async (Body body, HttpContext http, CancellationToken ct) =>
            {
                await SendAsync(http, new Command(body.Format, body.FolderId, body.Password), ct);
                return Results.Empty;
            })
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Admin, after a sign-in with a second factor in the last 15 minutes: export the tenant's own credentials (or a folder's) as Bitwarden JSON, plain or password-protected, or CSV. Every credential in the file is audited as exported.");

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Format).NotNull().WithMessage("format is bitwarden-json, bitwarden-json-encrypted or csv.");
            RuleFor(c => c.Password).Cascade(CascadeMode.Stop)
                .NotEmpty().When(c => c.Format == ExportFormat.BitwardenJsonEncrypted).WithMessage("A password-protected export needs its password.")
                .MinimumLength(MinPasswordLength).When(c => c.Format == ExportFormat.BitwardenJsonEncrypted)
                .WithMessage($"The export password is at least {MinPasswordLength} characters: the file may travel far.")
                .MaximumLength(1024).WithMessage("The export password is at most 1,024 characters.");
            RuleFor(c => c.Password).Empty().When(c => c.Format is ExportFormat.BitwardenJson or ExportFormat.Csv)
                .WithMessage("Only bitwarden-json-encrypted takes a password; the other formats are not encrypted.");
        }
    }

    internal sealed class Handler(ModuleDbContextFactory<CredentialsDbContext> contexts, TenantKeys keys, ISender sender, IAuditTrail audit, ICurrentUser caller, TimeProvider clock)
        : ICommandHandler<Command, ExportPlan>
    {
        public async ValueTask<ExportPlan> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            await sender.Send(new RequireSecondFactor("An export"), ct);
            var scope = await sender.Send(new ListOwnPlacements(command.FolderId), ct);
            var db = contexts.Create();
            var key = await keys.ForAsync(db, ct);
            var items = await ItemsAsync(db, scope, ct);
            await audit.RecordAsync(Exported(items, WireName.Of(command.Format!.Value), command.FolderId is { } folder ? scope.Folders.First(f => f.Id == folder).Path : "(all)"), ct);
            return new ExportPlan(command.Format!.Value, command.Password, key, scope.Folders, items, me.Tenant.Name, clock.GetUtcNow());
        }
    }

    /// <summary>The credentials of the scope, in the file's order (by name), each with its folder and its earlier versions.</summary>
    internal static async Task<IReadOnlyList<ExportedCredential>> ItemsAsync(CredentialsDbContext db, OwnPlacements scope, CancellationToken ct)
    {
        var ids = scope.FolderOf.Keys.ToList();
        var rows = await db.Credentials.AsNoTracking().AsSplitQuery().Include(c => c.Tags).Include(c => c.CustomFields).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var versions = (await db.Versions.AsNoTracking().Where(v => ids.Contains(v.CredentialId)).ToListAsync(ct)).ToLookup(v => v.CredentialId);
        return rows
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id)
            .Select(c => new ExportedCredential(c, scope.FolderOf[c.Id], [.. versions[c.Id].OrderBy(v => v.Version)]))
            .ToList();
    }

    /// <summary>The one event of an export: every credential in the file, each secret counted as read by the caller.</summary>
    internal static AuditRecord Exported(IReadOnlyList<ExportedCredential> items, string format, string folder) => new(
        CredentialAuditEvents.Exported,
        AuditOutcome.Succeeded,
        [.. items.Select(i => new AuditTarget(AuditTargetKinds.Credential, i.Credential.Id, i.Credential.Name))],
        new Dictionary<string, string>
        {
            ["format"] = format,
            ["folder"] = folder,
            ["credentials"] = items.Count.ToString(CultureInfo.InvariantCulture),
        });
}

/// <summary>What an export writes, decided and audited: the folders, the credentials with their versions, still encrypted.</summary>
public sealed class ExportPlan
{
    internal ExportPlan(ExportFormat format, string? password, DataKey key, IReadOnlyList<FolderPath> folders, IReadOnlyList<ExportedCredential> items, string tenantName, DateTimeOffset at)
    {
        (Format, Password, Key, Folders, Items, TenantName, At) = (format, password, key, folders, items, tenantName, at);
    }

    internal ExportFormat Format { get; }

    internal string? Password { get; }

    internal DataKey Key { get; }

    internal IReadOnlyList<FolderPath> Folders { get; }

    internal IReadOnlyList<ExportedCredential> Items { get; }

    internal string TenantName { get; }

    internal DateTimeOffset At { get; }

    public override string ToString() => Redacted.Text;
}

/// <summary>A credential of an export, its folder (null: the top) and its earlier versions (oldest first).</summary>
internal sealed record ExportedCredential(Credential Credential, Guid? FolderId, IReadOnlyList<CredentialVersion> Versions)
{
    public override string ToString() => Redacted.Text;
}
