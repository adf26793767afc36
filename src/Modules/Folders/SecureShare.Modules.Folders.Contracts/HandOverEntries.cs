using Mediator;
using SecureShare.BuildingBlocks.Tenancy;

namespace SecureShare.Modules.Folders.Contracts;

/// <summary>
/// A credential of the ambient tenant passes to <c>NewOwner</c>: there it becomes the owner's entry (where its side had
/// filed it, else at the top); here it goes, or stays where it was filed as a credential shared in with Edit when the old
/// owner keeps a share. Answers whether the old owner still holds it.
/// </summary>
public sealed record HandOverEntries(Guid CredentialId, TenantInfo NewOwner, bool KeepShare) : ICommand<bool>;
