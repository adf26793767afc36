using SecureShare.Modules.Folders.Features.Folders;

namespace SecureShare.Host.Ui;

public static class FolderPaths
{
    /// <summary>"Parent / Child / Folder", for pickers and tables.</summary>
    public static string PathOf(this IReadOnlyList<FolderDto> folders, FolderDto folder)
    {
        var parts = new List<string> { folder.Name };
        for (var parent = folder.ParentId; parent is { } p && parts.Count < 50;)
        {
            var f = folders.FirstOrDefault(x => x.Id == p);
            if (f is null)
            {
                break;
            }

            parts.Insert(0, f.Name);
            parent = f.ParentId;
        }

        return string.Join(" / ", parts);
    }
}
