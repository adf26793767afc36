using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Folders.Contracts;
using SecureShare.Modules.Sharing.Features.Access;

namespace SecureShare.Modules.Sharing.Services;

/// <summary>
/// Who in one tenant sees an entry, from its terms and the tenant's users: Admins always; in the
/// origin tenant everyone else too ("owner-tenant"); in a target tenant the audience, named or through
/// a group. A restricted folder lets in only members of its groups (Admins still see everything).
/// Results are cached per distinct terms, so a bulk preview over thousands of items costs one pass per
/// kind of entry, not per entry.
/// </summary>
internal sealed class AccessResolver(TenantMembers members, bool isOrigin)
{
    private readonly Dictionary<string, IReadOnlyList<AccessUser>> _byTerms = [];

    public IReadOnlyList<AccessUser> WhoSees(EntryAccess? access)
    {
        if (access is null)
        {
            return [];
        }

        var key = $"{access.Everyone}|{string.Join(',', access.Audience.Order())}|{(access.FolderGroups is null ? "-" : string.Join(',', access.FolderGroups.Order()))}";
        if (_byTerms.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var audience = access.Audience.ToHashSet();
        var result = new List<AccessUser>();
        foreach (var user in members.Users)
        {
            if (user.IsAdmin)
            {
                result.Add(new AccessUser(user.UserId, user.DisplayName) { Route = AccessRoute.Admin });
                continue;
            }

            var folderGroup = access.FolderGroups is null ? (Guid?)null : user.GroupIds.FirstOrDefault(g => access.FolderGroups.Contains(g));
            if (access.FolderGroups is not null && folderGroup == Guid.Empty)
            {
                continue;
            }

            var seen = new AccessUser(user.UserId, user.DisplayName);
            if (isOrigin)
            {
                result.Add(folderGroup is { } g ? Through(seen, g) : seen with { Route = AccessRoute.OwnerTenant });
            }
            else if (access.Everyone || audience.Contains(user.UserId))
            {
                result.Add(seen with { Route = AccessRoute.Audience });
            }
            else if (user.GroupIds.FirstOrDefault(audience.Contains) is var group && group != Guid.Empty)
            {
                result.Add(Through(seen, group));
            }
        }

        return _byTerms[key] = result;
    }

    private AccessUser Through(AccessUser user, Guid group) =>
        user with { Route = AccessRoute.Group, GroupName = members.GroupNames.GetValueOrDefault(group, group.ToString()) };
}
