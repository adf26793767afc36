namespace SecureShare.Modules.Credentials.Contracts;

/// <summary>Where files are kept.</summary>
public enum FileStorage
{
    /// <summary>In the database, whichever of the three it is (the default: one thing to back up).</summary>
    Database,

    /// <summary>In a directory, such as a volume every host mounts.</summary>
    Directory,
}

/// <summary>
/// The installation's file settings (section <c>Files</c>): the largest file (<c>MaxFileMb</c>, 25), the most a tenant
/// stores in all (<c>TenantQuotaMb</c>, 1024; a tenant's policy may set less), and where (<c>Storage</c>,
/// <c>Directory</c>: relative to the data folder, "files" by default), and the largest file an import reads
/// (<c>MaxImportMb</c>, 100). Megabytes here are MiB.
/// </summary>
public sealed class FileSettings
{
    public const string Section = "Files";

    public int MaxFileMb { get; set; } = 25;

    public int TenantQuotaMb { get; set; } = 1024;

    public int MaxImportMb { get; set; } = 100;

    public FileStorage Storage { get; set; } = FileStorage.Database;

    public string? Directory { get; set; }

    public long MaxFileBytes => MaxFileMb * 1024L * 1024;

    public long MaxImportBytes => MaxImportMb * 1024L * 1024;

    public static long Bytes(int megabytes) => megabytes * 1024L * 1024;
}
