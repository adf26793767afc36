using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.BuildingBlocks.Tenancy;
using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Data;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Credentials;
using SecureShare.Modules.Credentials.Services;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>
/// Bringing a vault over from another product: the file is read as it arrives (<see cref="ImportUpload"/>), before any
/// transaction; then, in one transaction, each entry is checked (<see cref="ImportChecks"/>), compared with the tenant's
/// credentials by name, username and URL, and — unless it is a dry run, which writes nothing — its folders are found or
/// made, and every credential with its fields, tags and earlier passwords is inserted set-wise: a constant number of
/// statements whatever the size, all or nothing. Each credential is audited as created (via import), and the import as a whole.
/// </summary>
public static partial class ImportFile
{
    /// <summary>Entries one import takes (a bulk share's limit): above the jobs' threshold, it runs as a job.</summary>
    public const int MaxEntries = 100_000;

    /// <summary>About this much ciphertext is inserted at a time: a file of large notes is written in a few batches, not held whole.</summary>
    private const long BatchBytes = 8 * 1024 * 1024;

    public sealed class Command : ICommand<ImportReport>
    {
        internal Command(ImportFields fields, ImportFormat format, ImportedFile file)
        {
            Fields = fields;
            Format = format;
            File = file;
        }

        internal ImportFields Fields { get; }

        internal ImportFormat Format { get; }

        internal ImportedFile File { get; }

        /// <summary>The kept import it comes from (a job), claimed in its transaction: an import runs once.</summary>
        internal Guid? Parcel { get; init; }

        public override string ToString() => Redacted.Text;
    }

    internal sealed class Handler(
        ModuleDbContextFactory<CredentialsDbContext> contexts, TenantKeys keys, ICurrentUser caller, TimeProvider clock, IAuditTrail audit, ISender sender, IPublisher publisher,
        ITenantStore tenants, FileQuota quota, JobProgress progress)
        : ICommandHandler<Command, ImportReport>
    {
        private int _done;

        public async ValueTask<ImportReport> Handle(Command command, CancellationToken ct)
        {
            var me = caller.Require(Ability.Administer);
            _done = 0; // a transaction run again after a transient failure counts from the start
            var own = contexts.Create();
            var kept = command.Parcel is { } parcel ? await ImportParcels.ClaimAsync(own, parcel, ct) ?? throw Gone() : (long?)null;

            var file = command.File;
            var skipped = new List<SkippedRow>(file.Skipped);
            var valid = file.Entries;
            var (targetOf, clients) = await ImportRouting.RouteAsync(me, command.Fields, valid, sender, tenants, ct);
            var duplicates = new List<DuplicateRow>();
            var byFolder = new List<FolderCount>();
            var byTenant = new List<TenantCount>();
            var foldersCreated = new List<string>();
            var files = 0;
            foreach (var group in valid.GroupBy(targetOf))
            {
                var target = group.Key;
                using var scope = target.Tenant.Id == me.Tenant.Id ? null : TenantContext.Begin(target.Tenant); // a client's own tenant: written in its scope
                var db = contexts.Create();
                var existing = await ExistingAsync(db, ct);
                var accepted = new List<ImportedEntry>();
                foreach (var entry in group)
                {
                    if (existing.TryGetValue(Key(entry.Name, entry.Username, entry.Url), out var same))
                    {
                        duplicates.Add(new DuplicateRow(entry.Row, entry.Name!, same));
                        if (command.Fields.Duplicates == DuplicateHandling.Skip)
                        {
                            skipped.Add(new SkippedRow(entry.Row, entry.Name, "It has the name, username and URL of a credential this tenant has."));
                            continue;
                        }
                    }

                    accepted.Add(entry);
                }

                _done += group.Count() - accepted.Count;

                var paths = accepted.Select(target.PathOf).Distinct(PathComparer.Instance).ToList();
                var folders = await sender.Send(new EnsureFolderPaths(target.Under, paths, command.Fields.DryRun), ct);
                var folderOf = paths.Select((p, i) => (p, folders.Folders[i])).ToDictionary(x => x.p, x => x.Item2, PathComparer.Instance);
                if (!command.Fields.DryRun && accepted.Count > 0)
                {
                    var ids = await WriteAsync(db, command, accepted, e => folderOf[target.PathOf(e)], me, ct);
                    await ImportAttachments.AttachAsync(db, accepted, ids, quota, audit, me.UserId, clock.GetUtcNow(), ct);
                    if (target.ShareWith is { } client)
                    {
                        await sender.Send(new ShareWithClient(client, ids), ct);
                    }
                }

                var created = folders.Created.ToHashSet(StringComparer.Ordinal);
                byFolder.AddRange(accepted.GroupBy(e => folderOf[target.PathOf(e)].Path).Select(g => new FolderCount(g.Key, g.Count(), created.Contains(g.Key), target.Tenant.Name)));
                byTenant.Add(new TenantCount(target.Tenant.Id, target.Tenant.Name, accepted.Count));
                files += accepted.Sum(e => e.Attachments.Count(a => a.Fits));
                foldersCreated.AddRange(target.Tenant.Id == me.Tenant.Id ? folders.Created : folders.Created.Select(f => $"{target.Tenant.Name}: {f}"));
            }

            if (file.Folders.Count > 0)
            {
                var declared = await sender.Send(new EnsureFolderPaths(command.Fields.FolderId, file.Folders, command.Fields.DryRun), ct);
                foldersCreated.AddRange(declared.Created);
            }

            var report = new ImportReport(
                command.Format,
                command.Fields.DryRun,
                byTenant.Sum(t => t.Count),
                files,
                [.. skipped.OrderBy(s => s.Row)],
                [.. duplicates.OrderBy(d => d.Row)],
                [.. byFolder.GroupBy(f => (f.Tenant, f.Folder)).Select(g => g.First() with { Count = g.Sum(f => f.Count) }).OrderBy(f => f.Tenant, StringComparer.Ordinal).ThenBy(f => f.Folder, StringComparer.Ordinal)],
                [.. byTenant.Where(t => t.Count > 0).GroupBy(t => t.TenantId).Select(g => g.First() with { Count = g.Sum(t => t.Count) })],
                [.. foldersCreated.Distinct(StringComparer.Ordinal)],
                [.. file.Warnings.OrderBy(w => w.Row)],
                clients);
            if (!command.Fields.DryRun)
            {
                await audit.RecordAsync(new AuditRecord(CredentialAuditEvents.Imported, AuditOutcome.Succeeded, [], new Dictionary<string, string>
                {
                    ["format"] = WireName.Of(command.Format),
                    ["created"] = report.Created.ToString(CultureInfo.InvariantCulture),
                    ["files"] = report.Files.ToString(CultureInfo.InvariantCulture),
                    ["skipped"] = report.Skipped.Count.ToString(CultureInfo.InvariantCulture),
                    ["tenants"] = string.Join(", ", report.ByTenant.Select(t => $"{t.Name} ({t.Count})")),
                }), ct);
            }

            if (kept is { } bytes)
            {
                await ImportParcels.ReleaseAsync(own, bytes, ct);
            }

            return report;
        }

        /// <summary>
        /// Inserts the entries in the db's tenant, their secret values brought back from the spool one entry at a time and
        /// written a batch of about <see cref="BatchBytes"/> of ciphertext at a time (one batch for most files); audits each
        /// as created there; answers their ids.
        /// </summary>
        private async Task<List<Guid>> WriteAsync(
            CredentialsDbContext db, Command command, List<ImportedEntry> entries, Func<ImportedEntry, FolderPath> folderOf, SessionPrincipal me, CancellationToken ct)
        {
            var key = await keys.ForAsync(db, ct);
            var now = clock.GetUtcNow();
            var source = $"before import ({WireName.Of(command.Format)})";
            var ids = new List<Guid>(entries.Count);
            var batch = new List<(Credential Credential, ImportedEntry Entry)>();
            var versions = new List<CredentialVersion>();
            long bytes = 0;
            foreach (var entry in entries)
            {
                entry.Restore(command.File.Spool);
                var credential = CredentialStore.NewCredential(key, entry.Kind, new EntryFields(entry), me.UserId, now);
                for (var i = 0; i < entry.History.Count; i++)
                {
                    var (version, past) = (i + 1, entry.History[i]);
                    var values = new SecretDto(past.Secret, past.Notes, past.Totp, [.. (past.Fields ?? []).Select(f => new CustomFieldDto(f.Name, true, f.Value))]);
                    versions.Add(new CredentialVersion
                    {
                        CredentialId = credential.Id,
                        Version = version,
                        Cipher = Envelope.Encrypt(key, credential.Id, SecretFields.Version(version), values.Serialize()),
                        ChangedByName = source,
                        ReplacedAt = past.ReplacedAt ?? now,
                    });
                    bytes += versions[^1].Cipher.Length;
                }

                credential.SecretVersion = entry.History.Count + 1;
                entry.Forget();
                batch.Add((credential, entry));
                ids.Add(credential.Id);
                bytes += (credential.SecretCipher?.Length ?? 0) + (credential.NotesCipher?.Length ?? 0) + credential.CustomFields.Sum(f => f.ValueCipher?.Length ?? f.Value?.Length ?? 0);
                if (bytes >= BatchBytes || (progress.Tracked && batch.Count == JobProgress.Step))
                {
                    await InsertAsync(db, command, batch, versions, folderOf, ct);
                    (batch, versions, bytes) = ([], [], 0);
                }
            }

            await InsertAsync(db, command, batch, versions, folderOf, ct);
            return ids;
        }

        private async Task InsertAsync(
            CredentialsDbContext db, Command command, List<(Credential Credential, ImportedEntry Entry)> batch, List<CredentialVersion> versions, Func<ImportedEntry, FolderPath> folderOf,
            CancellationToken ct)
        {
            if (batch.Count == 0)
            {
                return;
            }

            var all = batch.ConvertAll(c => c.Credential);
            await db.InsertManyAsync(all, ct);
            await db.InsertManyAsync(all.SelectMany(c => c.Tags).ToList(), ct);
            await db.InsertManyAsync(all.SelectMany(c => c.CustomFields).ToList(), ct);
            await db.InsertManyAsync(versions, ct);
            var tenantName = db.Tenant!.Name;
            await publisher.Publish(new CredentialsImported(batch.ConvertAll(c => new ImportedCredential(c.Credential.ToListing(tenantName), folderOf(c.Entry).Id))), ct);
            var format = WireName.Of(command.Format);
            await audit.RecordManyAsync(
                [
                    .. all.Select(c => new AuditRecord(CredentialAuditEvents.Created, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Credential, c.Id, c.Name)],
                        new Dictionary<string, string> { ["kind"] = c.Kind.ToString(), ["name"] = c.Name, ["via"] = "import", ["format"] = format })),
                ],
                ct);
            _done += batch.Count;
            progress.Report(_done, command.File.Entries.Count);
        }

        /// <summary>The tenant's credentials by name, username and URL (any case): one query over three listing columns.</summary>
        private static async Task<Dictionary<string, Guid>> ExistingAsync(CredentialsDbContext db, CancellationToken ct)
        {
            var rows = await db.Credentials.Select(c => new { c.Id, c.Name, c.Username, c.Url }).ToListAsync(ct);
            var keys = new Dictionary<string, Guid>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                keys.TryAdd(Key(row.Name, row.Username, row.Url), row.Id);
            }

            return keys;
        }

        private static string Key(string? name, string? username, string? url) =>
            string.Join('\u0001', (name ?? string.Empty).Trim().ToUpperInvariant(), (username ?? string.Empty).Trim().ToUpperInvariant(), (url ?? string.Empty).Trim().ToUpperInvariant());
    }

    /// <summary>Folder paths compared segment by segment, as folder names compare (any case).</summary>
    private sealed class PathComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly PathComparer Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) =>
            x is not null && y is not null && x.Count == y.Count && x.Zip(y).All(p => string.Equals(p.First.Trim(), p.Second.Trim(), StringComparison.OrdinalIgnoreCase));

        public int GetHashCode(IReadOnlyList<string> path) =>
            path.Aggregate(path.Count, (h, s) => HashCode.Combine(h, StringComparer.OrdinalIgnoreCase.GetHashCode(s.Trim())));
    }
}
