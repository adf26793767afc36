namespace SecureShare.Modules.Folders.Contracts;

/// <summary>The audit event types the Folders module writes.</summary>
public static class FolderAuditEvents
{
    public const string Created = "folder.created";
    public const string Updated = "folder.updated";
    public const string Deleted = "folder.deleted";
    public const string PlacementsMoved = "placement.moved";
}
