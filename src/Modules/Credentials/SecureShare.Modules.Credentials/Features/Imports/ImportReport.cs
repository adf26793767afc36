namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>An entry with the name, username and URL of a credential the tenant already has.</summary>
public sealed record DuplicateRow(int Row, string Name, Guid ExistingId);

/// <summary>How many credentials go (or would go) into a folder of a tenant, by its path ("" is the top); New when the import makes it.</summary>
public sealed record FolderCount(string Folder, int Count, bool New, string Tenant);

/// <summary>How many credentials go (or would go) into a tenant.</summary>
public sealed record TenantCount(Guid TenantId, string Name, int Count);

/// <summary>
/// What an import did, or with <see cref="DryRun"/> would do: every entry of the file is either created (counted) or
/// skipped (with its row and reason); duplicates of existing credentials are listed (and skipped, unless asked to import
/// them); warnings say what came over changed. <see cref="Files"/> counts the files attached to the new credentials.
/// </summary>
public sealed record ImportReport(
    ImportFormat Format,
    bool DryRun,
    int Created,
    int Files,
    IReadOnlyList<SkippedRow> Skipped,
    IReadOnlyList<DuplicateRow> Duplicates,
    IReadOnlyList<FolderCount> ByFolder,
    IReadOnlyList<TenantCount> ByTenant,
    IReadOnlyList<string> FoldersCreated,
    IReadOnlyList<ImportWarning> Warnings,
    IReadOnlyList<ClientReport> Clients);
