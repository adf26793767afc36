using Mediator;

namespace SecureShare.Modules.Folders.Contracts;

/// <summary>
/// What an export of the ambient tenant takes: the credentials it owns (not those shared with it) in a folder and its
/// subfolders (null: the whole tree), each with its folder, and every folder of that subtree with its ancestors, as
/// paths from the top. Admins only; an unknown folder is a 404.
/// </summary>
public sealed record ListOwnPlacements(Guid? Under) : IQuery<OwnPlacements>;

/// <summary>The folders (parents before children) and the owned credentials with their folder (null: the top).</summary>
public sealed record OwnPlacements(IReadOnlyList<FolderPath> Folders, IReadOnlyDictionary<Guid, Guid?> FolderOf);
