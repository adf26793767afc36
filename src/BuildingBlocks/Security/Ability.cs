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
    private static readonly UserRole[] Admins = [UserRole.Admin];
    private static readonly UserRole[] CredentialManagers = [UserRole.Admin, UserRole.Technician];
    private static readonly UserRole[] Everyone = [UserRole.Admin, UserRole.Technician, UserRole.Member];

    public static IReadOnlyList<UserRole> RolesWith(Ability ability) => Roles(ability);

    /// <summary>Whether <paramref name="role"/> may do what <paramref name="ability"/> names (no allocation: the list is read per row).</summary>
    public static bool Allows(this UserRole role, Ability ability) => Array.IndexOf(Roles(ability), role) >= 0;

    public static bool Can(this SessionPrincipal principal, Ability ability) => principal.Role.Allows(ability);

    /// <summary>The caller, or a 403 (audited as denied) when their role lacks <paramref name="ability"/>.</summary>
    public static SessionPrincipal Require(this ICurrentUser caller, Ability ability) => caller.RequireRole(Roles(ability));

    private static UserRole[] Roles(Ability ability) => ability switch
    {
        Ability.Administer => Admins,
        Ability.ManageCredentials => CredentialManagers,
        Ability.Use => Everyone,
        _ => throw new ArgumentOutOfRangeException(nameof(ability), ability, "An ability names its roles here."),
    };
}
