using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Folders.Contracts;

/// <summary>What a tenant holds of a credential: it owns it, or a share gives it View, Edit or Manage.</summary>
public enum EntryPermission
{
    Owner,
    View,
    Edit,
    Manage,
}

/// <summary>The one place a caller's permission on a credential is decided.</summary>
public static class EffectivePermission
{
    /// <summary>
    /// Members view (PRODUCT.md: they see and use, never change). Admins and Technicians edit their own tenant's
    /// credentials, and another tenant's when its share into theirs grants Edit or Manage.
    /// </summary>
    public static SharePermission For(this EntryPermission entry, UserRole role) =>
        role.Allows(Ability.ManageCredentials) && entry is EntryPermission.Owner or EntryPermission.Edit or EntryPermission.Manage ? SharePermission.Edit : SharePermission.View;

    /// <summary>What a share's permission gives the tenant it is shared into.</summary>
    public static EntryPermission Granted(SharePermission share) => share switch
    {
        SharePermission.Manage => EntryPermission.Manage,
        SharePermission.Edit => EntryPermission.Edit,
        _ => EntryPermission.View,
    };

    /// <summary>The target's Admins set the audience of a share into their tenant only when it grants Manage.</summary>
    public static bool TargetSetsAudience(this EntryPermission entry, UserRole role) => entry == EntryPermission.Manage && role.Allows(Ability.Administer);
}
