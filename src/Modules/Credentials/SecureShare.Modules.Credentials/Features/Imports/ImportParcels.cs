using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Services;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>
/// An import kept for its job, so that any host can run it: the file as read (<see cref="ImportedFile"/>: its entries'
/// names, folders and tags, what was skipped and changed, and its spool of sealed secret values and files) and the
/// options it is run with — never the file's password or column mapping, which the reading needed and the writing does not.
/// The manifest is the spool's last record; the spool's sealed bytes are stored in parts as they are, and its key in part 0
/// under the tenant's data key: what the database holds opens with neither the master key alone nor a host's disk.
/// </summary>
internal static class ImportParcels
{
    /// <summary>The options the import is run with, and what the file was read as.</summary>
    private sealed record Options(ImportFormat Format, Guid? FolderId, DuplicateHandling Duplicates, Dictionary<string, ClientRoute>? ClientMapping);

    private sealed record Attachment(string Name, long Size, IReadOnlyList<SpoolRecord> Chunks);

    /// <summary>An entry without its secret values (those are in the spool, at <see cref="Spilled"/>).</summary>
    private sealed record Entry(
        int Row, IReadOnlyList<string> FolderPath, string? Client, CredentialKind Kind, string? Name, string? Username, string? Url, string? Description,
        List<string> Tags, List<string> Unmapped, SpoolRecord? Spilled, List<Attachment> Attachments);

    private sealed record Manifest(
        Options Options, List<Entry> Entries, List<SkippedRow> Skipped, List<ImportWarning> Warnings, List<IReadOnlyList<string>> Folders);

    /// <summary>Part 0: the spool's key and record count, and where the manifest is.</summary>
    private sealed record Header(byte[] Key, long Records, SpoolRecord Manifest)
    {
        public override string ToString() => Redacted.Text;
    }

    /// <summary>Keeps the read file for its job; answers the parcel's id. A command: all of it is stored, or none.</summary>
    internal sealed class Keep(ImportFields fields, ImportFormat format, ImportedFile file) : ICommand<Guid>
    {
        public ImportFields Fields { get; } = fields;

        public ImportFormat Format { get; } = format;

        public ImportedFile File { get; } = file;

        public override string ToString() => Redacted.Text;
    }

    internal sealed class KeepHandler(
        CredentialsDbContext db, TenantKeys keys, ICurrentUser caller, TimeProvider clock, FileQuota quota, FileSettings settings, IAuditTrail audit)
        : ICommandHandler<Keep, Guid>
    {
        public async ValueTask<Guid> Handle(Keep command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            var (fields, file) = (command.Fields, command.File);
            var manifest = new Manifest(
                new Options(command.Format, fields.FolderId, fields.Duplicates, fields.ClientMapping),
                [.. file.Entries.Select(e => new Entry(
                    e.Row, e.FolderPath, e.Client, e.Kind, e.Name, e.Username, e.Url, e.Description, e.Tags, e.Unmapped, e.Spilled,
                    [.. e.Attachments.Select(a => new Attachment(a.Name, a.Size, a.Chunks))]))],
                file.Skipped,
                file.Warnings,
                file.Folders);
            var at = file.Spool.Write(JsonSerializer.SerializeToUtf8Bytes(manifest));
            var (key, records) = file.Spool.Secret;
            var header = JsonSerializer.SerializeToUtf8Bytes(new Header(key, records, at));
            try
            {
                var (id, now) = (Guid.CreateVersion7(), clock.GetUtcNow());
                var sequence = 0;
                var sealedHeader = Envelope.EncryptBytes(await keys.ForAsync(db, ct), id, ImportParcelLimits.Field, header);
                var bytes = sealedHeader.Length + file.Spool.Length; // the bytes of its parts, which its claim gives back
                var room = ImportParcelLimits.Room(await quota.LimitAsync(me.Tenant.Id, ct), settings.MaxImportBytes);
                if (await db.DataKeys.Select(k => k.KeptImportBytes).FirstOrDefaultAsync(ct) + bytes > room)
                {
                    throw NoRoom(room, bytes); // before writing it: the count is taken last, so its row is locked only at the end
                }

                await Add(sealedHeader);
                await foreach (var slice in file.Spool.SlicesAsync(ImportParcelLimits.PartSize, ct))
                {
                    await Add(slice);
                }

                if (await db.DataKeys.Where(k => k.KeptImportBytes + bytes <= room)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.KeptImportBytes, k => k.KeptImportBytes + bytes), ct) == 0)
                {
                    throw NoRoom(room, bytes);
                }

                await audit.RecordAsync(new AuditRecord(CredentialAuditEvents.ImportKept, AuditOutcome.Succeeded, [], new Dictionary<string, string>
                {
                    ["format"] = WireName.Of(command.Format),
                    ["entries"] = file.Entries.Count.ToString(CultureInfo.InvariantCulture),
                    ["bytes"] = bytes.ToString(CultureInfo.InvariantCulture),
                }), ct);
                return id;

                async Task Add(byte[] data)
                {
                    db.ImportParcels.Add(new ImportParcelPart { ParcelId = id, Sequence = sequence++, Data = data, CreatedBy = me.UserId, CreatedAt = now });
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear(); // a part's bytes are not held once written
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
                CryptographicOperations.ZeroMemory(header);
            }
        }

        private static PayloadTooLargeException NoRoom(long room, long bytes) =>
            new($"This import waits for its job in the database, and the imports waiting for this tenant's jobs may hold {room / (1024 * 1024)} MiB together "
                + $"(its file quota and one import file); with this one's {Math.Max(1, bytes / (1024 * 1024))} MiB they would hold more. Wait until the running imports end, or import the file in parts.");
    }

    /// <summary>The kept import, its spool on this host's disk again; null when it is no longer kept (it ran, or it expired).</summary>
    public static async Task<(ImportFields Fields, ImportFormat Format, ImportedFile File)?> OpenAsync(
        CredentialsDbContext db, TenantKeys keys, Guid id, FileSettings settings, CancellationToken ct)
    {
        var first = await db.ImportParcels.AsNoTracking().Where(p => p.ParcelId == id && p.Sequence == 0).Select(p => p.Data).SingleOrDefaultAsync(ct);
        if (first is null)
        {
            return null;
        }

        var plain = Envelope.DecryptBytes(await keys.ForAsync(db, ct), id, ImportParcelLimits.Field, first);
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(plain)!;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        ImportSpool? spool = null;
        try
        {
            var count = await db.ImportParcels.CountAsync(p => p.ParcelId == id, ct);
            spool = await ImportSpool.Adopt(header.Key, header.Records, PartsAsync(db, id, count, ct), ct);
            return Read(spool, header.Manifest, settings);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(header.Key); // the spool's key, when it was made: zeroed before it is, or if it never is
            spool?.Dispose();
            throw;
        }
    }

    /// <summary>The kept import's file, its entries and options as the manifest at <paramref name="at"/> in the adopted spool gives them.</summary>
    private static (ImportFields Fields, ImportFormat Format, ImportedFile File) Read(ImportSpool spool, SpoolRecord at, FileSettings settings)
    {
        var file = new ImportedFile(settings.MaxFileBytes, FileSettings.Bytes(settings.TenantQuotaMb)) { Spool = spool };
        var manifest = JsonSerializer.Deserialize<Manifest>(spool.ReadBytes(at))!;
        foreach (var e in manifest.Entries)
        {
            var entry = new ImportedEntry
            {
                Row = e.Row, FolderPath = e.FolderPath, Client = e.Client, Kind = e.Kind, Name = e.Name, Username = e.Username, Url = e.Url, Description = e.Description,
                Spilled = e.Spilled,
            };
            entry.Tags.AddRange(e.Tags);
            entry.Unmapped.AddRange(e.Unmapped);
            entry.Attachments.AddRange(e.Attachments.Select(a => new ImportedAttachment(a.Name, a.Size, a.Chunks)));
            file.Entries.Add(entry);
        }

        file.Skipped.AddRange(manifest.Skipped);
        file.Warnings.AddRange(manifest.Warnings);
        file.Folders.AddRange(manifest.Folders);
        var options = manifest.Options;
        return (new ImportFields { Format = options.Format, FolderId = options.FolderId, Duplicates = options.Duplicates, ClientMapping = options.ClientMapping }, options.Format, file);
    }

    /// <summary>
    /// Deletes the parcel in the caller's transaction (the import's); answers the bytes it held, for
    /// <see cref="ReleaseAsync"/> at the transaction's end, or null when another run took it first (that run's transaction
    /// holds its rows until it ends, so two runs of one job never both commit).
    /// </summary>
    public static async Task<long?> ClaimAsync(CredentialsDbContext db, Guid id, CancellationToken ct)
    {
        var bytes = await db.ImportParcels.Where(p => p.ParcelId == id).SumAsync(p => (long)p.Data.Length, ct);
        return await db.ImportParcels.Where(p => p.ParcelId == id).ExecuteDeleteAsync(ct) == 0 ? null : bytes;
    }

    /// <summary>
    /// Gives a claimed parcel's bytes back to what the tenant's kept imports may hold (never below none: a parcel of a
    /// host that did not count them gives back no more than is counted). Last in its transaction: it locks the tenant's key row.
    /// </summary>
    public static Task ReleaseAsync(CredentialsDbContext db, long bytes, CancellationToken ct) =>
        db.DataKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.KeptImportBytes, k => k.KeptImportBytes < bytes ? 0 : k.KeptImportBytes - bytes), ct);

    /// <summary>Claims the parcel and gives its bytes back, in one short transaction: a refused job's, or one past its time.</summary>
    public static Task<bool> RemoveAsync(DbSession session, CredentialsDbContext db, Guid id, CancellationToken ct) =>
        session.InTransactionAsync(
            async () =>
            {
                if (await ClaimAsync(db, id, ct) is not { } bytes)
                {
                    return false;
                }

                await ReleaseAsync(db, bytes, ct);
                return true;
            },
            ct);

    /// <summary>
    /// Removes the imports kept longer than their jobs may wait (created before <paramref name="before"/>): each in its
    /// tenant, its bytes given back (one that fails is logged and left to the next purge); then, a deliberate bypass, those
    /// of tenants that no longer have a data key (deleted: nothing to give back to).
    /// </summary>
    public static async Task PurgeExpiredAsync(
        CredentialsDbContext db, ModuleDbContextFactory<CredentialsDbContext> contexts, DbSession session, ITenantStore tenants, ILogger logger, DateTimeOffset before,
        CancellationToken ct)
    {
        var expired = await db.ImportParcels.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).AsNoTracking()
            .Where(p => p.Sequence == 0 && p.CreatedAt < before).Select(p => new { p.TenantId, p.ParcelId }).ToListAsync(ct);
        foreach (var parcels in expired.GroupBy(p => p.TenantId))
        {
            if (await tenants.FindAsync(parcels.Key, ct) is not { } tenant)
            {
                continue;
            }

            using (TenantContext.Begin(tenant))
            {
                var tenantDb = contexts.Create();
                foreach (var parcel in parcels)
                {
                    try
                    {
                        await RemoveAsync(session, tenantDb, parcel.ParcelId, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning(e, "An import kept past its time could not be removed ({ParcelId}); the next purge tries again.", parcel.ParcelId);
                    }
                }
            }
        }

        var keyed = db.DataKeys.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).Select(k => k.TenantId);
        await db.ImportParcels.IgnoreQueryFilters([ModuleDbContext.TenantFilter]).Where(p => p.CreatedAt < before && !keyed.Contains(p.TenantId)).ExecuteDeleteAsync(ct);
    }

    private static async IAsyncEnumerable<byte[]> PartsAsync(CredentialsDbContext db, Guid id, int count, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var sequence = 1; sequence < count; sequence++)
        {
            yield return await db.ImportParcels.AsNoTracking().Where(p => p.ParcelId == id && p.Sequence == sequence).Select(p => p.Data).SingleAsync(ct);
        }
    }
}
