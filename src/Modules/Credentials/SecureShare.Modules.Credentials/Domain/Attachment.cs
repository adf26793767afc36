using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Credentials.Domain;

/// <summary>
/// A file on a credential, owned like the credential by its origin tenant. Its bytes are a <see cref="StoredFile"/>; replacing
/// it stores a new one and keeps the old one as an <see cref="AttachmentVersion"/>.
/// </summary>
internal sealed class Attachment : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CredentialId { get; init; }

    public required string Name { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Counts replacements: the current file is version Version, earlier ones are AttachmentVersion rows.</summary>
    public int Version { get; set; } = 1;

    public Guid StoredFileId { get; set; }

    public Guid CreatedByUserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

/// <summary>An earlier file of an attachment, replaced at ReplacedAt.</summary>
internal sealed class AttachmentVersion : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AttachmentId { get; init; }

    public int Version { get; init; }

    public required string Name { get; init; }

    public required string ContentType { get; init; }

    public long Size { get; init; }

    public Guid StoredFileId { get; init; }

    public required string ReplacedByName { get; init; }

    public DateTimeOffset ReplacedAt { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

/// <summary>
/// The encrypted bytes of one file as stored (in the database or a directory, <see cref="Services.IFileStore"/>): chunks
/// sealed under a key of their own, which is sealed under the tenant's data key. A row is made before the upload starts,
/// so that bytes of an upload that never finished, or of a deleted file, are always found and purged.
/// </summary>
internal sealed class StoredFile : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public StoredFileState State { get; set; }

    /// <summary>
    /// The file's own key, sealed under the tenant's data key (bound to this row's id); null for a file of a link share,
    /// sealed under a key only its link carries (<see cref="LinkFile"/>).
    /// </summary>
    public byte[]? SealedKey { get; init; }

    public int ChunkSize { get; init; }

    public int ChunkCount { get; set; }

    /// <summary>Of the plaintext.</summary>
    public long Size { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

internal enum StoredFileState
{
    /// <summary>Bytes arriving; purged if it is still so after a while (the upload died).</summary>
    Uploading,

    /// <summary>The current file or a version of an attachment.</summary>
    Stored,

    /// <summary>Its attachment is gone: its bytes are purged (in the database at once, from a directory by the purge job).</summary>
    Deleted,
}

/// <summary>One sealed chunk of a stored file, when files are kept in the database (the default).</summary>
internal sealed class FileChunk : ITenantOwned
{
    public Guid FileId { get; init; }

    public int Index { get; init; }

    public required byte[] Data { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}

/// <summary>
/// A file a link share carries: a copy of an attachment sealed under a key derived from the link's own key, which only the
/// link carries (the server can no more open it than the link's other content). Purged once the link can no longer serve it.
/// </summary>
internal sealed class LinkFile : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid LinkId { get; init; }

    public int Position { get; init; }

    public required string Name { get; init; }

    public required string ContentType { get; init; }

    public long Size { get; init; }

    public Guid StoredFileId { get; init; }

    public Guid TenantId { get; set; }

    public Guid FamilyId { get; set; }
}
