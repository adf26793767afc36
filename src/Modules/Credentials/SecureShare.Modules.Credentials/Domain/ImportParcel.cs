using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Credentials.Domain;

/// <summary>
/// One part of an import kept for its job (an import of more entries than the jobs' threshold): part 0 holds the read
/// file's spool key and where its manifest is, encrypted under the tenant's data key; parts 1… hold the spool itself, as
/// sealed as it was on the receiving host's disk. Any host can run the job; the job's transaction deletes the parts as it
/// claims them, so an import runs once. Kept <see cref="ImportParcelLimits.KeptFor"/> at most.
/// </summary>
internal sealed class ImportParcelPart : ITenantOwned
{
    public Guid ParcelId { get; init; }

    public int Sequence { get; init; }

    public required byte[] Data { get; init; }

    public Guid CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

internal static class ImportParcelLimits
{
    /// <summary>How long a parcel waits for its job: a job that failed for good leaves it; the purge takes it.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    /// <summary>
    /// What the imports kept for a tenant's jobs may hold together: its file quota (the files they carry) and one import
    /// file's size (their entries), so a tenant's Admins cannot fill the database with imports no job has run yet.
    /// </summary>
    public static long Room(long fileQuota, long maxImportBytes) => fileQuota + maxImportBytes;

    /// <summary>The bytes of the spool in one part.</summary>
    public const int PartSize = 4 * 1024 * 1024;

    /// <summary>The field name part 0's ciphertext is bound to.</summary>
    public const string Field = "import-parcel";
}
