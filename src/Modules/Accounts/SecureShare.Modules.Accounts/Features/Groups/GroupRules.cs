using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.Modules.Accounts.Data;

namespace SecureShare.Modules.Accounts.Features.Groups;

internal static class GroupRules
{
    public const int MaxMembers = 10_000;

    public static void ValidMemberIds<T>(this IRuleBuilderInitial<T, IReadOnlyList<Guid>?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(ids => ids is null || ids.Count <= MaxMembers).WithMessage($"A group has at most {MaxMembers} members.")
            .Must(ids => ids is null || !ids.Contains(Guid.Empty)).WithMessage("Member ids must be user ids.");

    /// <summary>Every member must be a user of the own tenant; anything else is a 400 that names no foreign id.</summary>
    public static async Task<List<Guid>> ResolveMembersAsync(AccountsDbContext db, IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return wanted;
        }

        var found = await db.Users.Where(u => wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        if (found.Count != wanted.Count)
        {
            throw ValidationFailedException.For("memberIds", $"{wanted.Count - found.Count} member id(s) are not users of this tenant.");
        }

        return wanted;
    }

    public static async Task<GroupDto?> LoadAsync(AccountsDbContext db, Guid id, CancellationToken ct)
    {
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == id).Select(g => new { g.Id, g.Name }).FirstOrDefaultAsync(ct);
        if (group is null)
        {
            return null;
        }

        var members = await db.GroupMembers.Where(m => m.GroupId == id).OrderBy(m => m.UserId).Select(m => m.UserId).ToListAsync(ct);
        return new GroupDto(group.Id, group.Name, members);
    }
}
