using Mediator;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Folders.Data;
using SecureShare.Modules.Folders.Domain;
using SecureShare.Modules.Folders.Features.Folders;

namespace SecureShare.Modules.Folders.Features.ContractHandlers;

/// <summary>Finds or makes an import's folders: the tree loaded once, the new folders inserted in one statement, parents first.</summary>
internal sealed class EnsureFolderPathsHandler(ModuleDbContextFactory<FoldersDbContext> contexts, ICurrentUser caller, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<EnsureFolderPaths, FolderPaths>
{
    public async ValueTask<FolderPaths> Handle(EnsureFolderPaths command, CancellationToken ct)
    {
        caller.Require(Ability.Administer);
        var db = contexts.Create(); // in the ambient tenant: the one the import writes to
        var tree = await FolderRules.LoadTreeAsync(db, ct);
        if (command.Under is { } under && !tree.ContainsKey(under))
        {
            throw new NotFoundException("Folder");
        }

        var children = tree.Values.ToLookup(f => f.ParentId).ToDictionary(
            g => g.Key ?? Guid.Empty, g => g.ToDictionary(f => f.NormalizedName, StringComparer.Ordinal));
        var made = new List<(Folder Folder, string Path)>();
        var now = clock.GetUtcNow();
        var found = new List<FolderPath>(command.Paths.Count);
        foreach (var path in command.Paths)
        {
            var at = command.Under;
            var names = new List<string>();
            foreach (var name in path.Select(FolderName))
            {
                names.Add(name);
                if (!children.TryGetValue(at ?? Guid.Empty, out var siblings))
                {
                    children[at ?? Guid.Empty] = siblings = new Dictionary<string, Folder>(StringComparer.Ordinal);
                }

                var normalized = Folder.Normalize(name);
                if (!siblings.TryGetValue(normalized, out var folder))
                {
                    folder = new Folder { Name = name, NormalizedName = normalized, CreatedAt = now };
                    folder.Place(at);
                    siblings[normalized] = folder;
                    tree[folder.Id] = folder;
                    made.Add((folder, string.Join('/', names)));
                }

                at = folder.Id;
            }

            found.Add(new FolderPath(at, string.Join('/', names)));
        }

        if (!command.DryRun && made.Count > 0)
        {
            FolderTree.RecomputeRestrictions(tree);
            await db.InsertManyAsync(made.Select(m => m.Folder).ToList(), ct);
            await audit.RecordManyAsync(
                made.Select(m => new AuditRecord(FolderAuditEvents.Created, AuditOutcome.Succeeded, [new AuditTarget(AuditTargetKinds.Folder, m.Folder.Id, m.Folder.Name)],
                    new Dictionary<string, string> { ["name"] = m.Folder.Name, ["groups"] = "0", ["via"] = "import" })).ToList(),
                ct);
        }

        return new FolderPaths(found, made.Select(m => m.Path).ToList());
    }

    /// <summary>A name as a folder may have it: trimmed, no '/' or control characters, at most the longest a folder name may be.</summary>
    public static string FolderName(string name)
    {
        var clean = new string(name.Select(c => c == '/' || char.IsControl(c) ? '-' : c).ToArray()).Trim();
        if (clean.Length > Folder.NameMaxLength)
        {
            clean = clean[..Folder.NameMaxLength].TrimEnd();
        }

        return clean.Length == 0 ? "(unnamed)" : clean;
    }
}
