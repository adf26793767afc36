namespace SecureShare.Modules.Folders.Features.Folders;

public sealed record FolderDto(Guid Id, string Name, Guid? ParentId, IReadOnlyList<Guid> GroupIds);
