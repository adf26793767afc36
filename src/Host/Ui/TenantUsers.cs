using Mediator;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Accounts.Features.Users;

namespace SecureShare.Host.Ui;

/// <summary>The users of the caller's tenant as the admin pages pick them: all of them, and by the emails an admin typed.</summary>
public sealed class TenantUsers(IReadOnlyList<UserDto> users)
{
    public IReadOnlyList<UserDto> All => users;

    public static async Task<TenantUsers> LoadAsync(IMediator mediator)
    {
        var all = new List<UserDto>();
        string? cursor = null;
        do
        {
            var page = await mediator.Send(new ListUsers.Query(500, cursor));
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return new TenantUsers(all);
    }

    /// <summary>The Admins who can sign in: those that may be break-glass admins.</summary>
    public IEnumerable<UserDto> ActiveAdmins => users.Where(u => u.Role == UserRole.Admin && !u.Disabled);

    public UserDto? Find(Guid id) => users.FirstOrDefault(u => u.Id == id);

    /// <summary>The users named by these emails (commas, spaces or lines between them); an email of no user is a refusal naming it.</summary>
    public IReadOnlyList<Guid> ByEmails(string? emails)
    {
        var wanted = (emails ?? "").Split([',', ';', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = wanted.Where(e => !users.Any(u => string.Equals(u.Email, e, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw ValidationFailedException.For("emails", $"No user of your tenant has the email {string.Join(", ", unknown)}. Invite them first (Users).");
        }

        return wanted.Select(e => users.First(u => string.Equals(u.Email, e, StringComparison.OrdinalIgnoreCase)).Id).Distinct().ToList();
    }
}
