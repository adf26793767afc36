using Mediator;

namespace SecureShare.Modules.Folders.Contracts;

/// <summary>
/// The folders of these paths (names from the top down) below a folder of the ambient tenant (null: its root), found by
/// name as folders compare names (any case), the missing ones made unless <see cref="DryRun"/> (each audited as created)
/// — an import's tree. A name a folder may not have is made one it may ('/' and control characters become '-', long ones
/// are cut). Admins only; an unknown <see cref="Under"/> is a 404.
/// </summary>
public sealed record EnsureFolderPaths(Guid? Under, IReadOnlyList<IReadOnlyList<string>> Paths, bool DryRun) : ICommand<FolderPaths>;

/// <summary>Each path's folder, in the order asked, and which folders are new (as paths below <see cref="EnsureFolderPaths.Under"/>).</summary>
public sealed record FolderPaths(IReadOnlyList<FolderPath> Folders, IReadOnlyList<string> Created);

/// <summary>A path's folder (null for an empty path below no folder) and the path as its folders are named, "/"-joined ("" for none).</summary>
public sealed record FolderPath(Guid? Id, string Path);
