namespace SecureShare.BuildingBlocks.Security;

/// <summary>
/// What each role may do, named once, after PRODUCT.md's three roles. Handlers require an ability
/// (<see cref="Abilities.Require"/>); pages ask for it (<see cref="Abilities.Can"/>) to offer only what will work.
/// </summary>
public enum Ability
{
    /// <summary>Every signed-in user: see and use what is visible to them (read, reveal).</summary>
    Use,

    /// <summary>Admins and Technicians: create, change, share and link credentials, and what that needs (partners, audiences, groups, who has access).</summary>
    ManageCredentials,

    /// <summary>Admins: users, groups, clients, folders and their restrictions, link policy, the audit log, stopping or revoking shares.</summary>
    Administer,
}

public static class Abilities
{
    public static IReadOnlyList<UserRole> RolesWith(Ability ability) => ability switch
    {
        Ability.Administer => [UserRole.Admin],
        Ability.ManageCredentials => [UserRole.Admin, UserRole.Technician],
        Ability.Use => [UserRole.Admin, UserRole.Technician, UserRole.Member],
        _ => throw new ArgumentOutOfRangeException(nameof(ability), ability, "An ability names its roles here."),
    };

    public static bool Can(this SessionPrincipal principal, Ability ability) => RolesWith(ability).Contains(principal.Role);

    /// <summary>The caller, or a 403 (audited as denied) when their role lacks <paramref name="ability"/>.</summary>
    public static SessionPrincipal Require(this ICurrentUser caller, Ability ability) => caller.RequireRole([.. RolesWith(ability)]);
}
