using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;

namespace SecureShare.Modules.Folders.Features.Folders;

internal static class FolderRules
{
    public const int MaxGroups = 100;

    public static IRuleBuilderOptions<T, string?> ValidFolderName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Name is required.")
            .Must(n => n!.Trim().Length == n.Length).WithMessage("Name must not start or end with spaces.")
            .MaximumLength(Folder.NameMaxLength).WithMessage($"Name must be at most {Folder.NameMaxLength} characters.")
            .Must(n => !n!.Any(char.IsControl) && !n.Contains('/', StringComparison.Ordinal)).WithMessage("Name must not contain '/' or control characters.");

    /// <summary>The credentials placed in a folder or any folder below it (the tree as loaded before a change).</summary>
    public static Task<List<Guid>> CredentialsUnderAsync(FoldersDbContext db, IReadOnlyDictionary<Guid, Folder> tree, Guid folderId, CancellationToken ct)
    {
        var subtree = tree.Keys.Where(f => FolderTree.IsSelfOrDescendant(tree, folderId, f)).Select(f => (Guid?)f).ToList();
        return db.Entries.Where(e => subtree.Contains(e.FolderId)).Select(e => e.CredentialId).ToListAsync(ct);
    }

    public static async Task<Dictionary<Guid, Folder>> LoadTreeAsync(FoldersDbContext db, CancellationToken ct) =>
        await db.Folders.Include(f => f.Groups).AsSplitQuery().ToDictionaryAsync(f => f.Id, ct);

    /// <summary>Every group id must be a security group of the own tenant (a 404 otherwise, naming none).</summary>
    public static async Task<List<Guid>> ResolveGroupsAsync(ISender mediator, IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count > 0 && (await mediator.Send(new FindGroups(wanted), ct)).Count != wanted.Count)
        {
            throw new NotFoundException("Group");
        }

        return wanted;
    }

    public static void EnsureUniqueName(IReadOnlyDictionary<Guid, Folder> tree, Guid? parentId, string name, Guid? except)
    {
        var normalized = Folder.Normalize(name);
        if (tree.Values.Any(f => f.ParentId == parentId && f.NormalizedName == normalized && f.Id != except))
        {
            throw new ConflictException("A folder of that name already exists here.");
        }
    }

    public static FolderDto ToDto(this Folder f) => new(f.Id, f.Name, f.ParentId, f.Groups.Select(g => g.GroupId).Order().ToList());

    public static void SetGroups(this Folder folder, IEnumerable<Guid> groupIds)
    {
        folder.Groups.Clear();
        folder.Groups.AddRange(groupIds.Select(g => new FolderGroup { FolderId = folder.Id, GroupId = g }));
    }

    /// <summary>Folders the caller may see: Admins all; others those with no restriction or a restriction naming one of their groups.</summary>
    public static bool CanSee(this Folder folder, IReadOnlyDictionary<Guid, Folder> tree, SessionPrincipal caller) =>
        caller.IsAdmin
        || folder.RestrictedBy is not { } restricting
        || tree[restricting].Groups.Any(g => caller.GroupIds.Contains(g.GroupId));
}
