using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Sharing.Contracts;

namespace SecureShare.Modules.Folders.Contracts;

/// <summary>What a tenant holds of a credential: it owns it, or a share gives it View or Edit.</summary>
public enum EntryPermission
{
    Owner,
    View,
    Edit,
}

/// <summary>The one place a caller's permission on a credential is decided.</summary>
public static class EffectivePermission
{
    /// <summary>
    /// Members view (PRODUCT.md: they see and use, never change). Admins and Technicians edit their own tenant's
    /// credentials, and another tenant's when its share into theirs grants Edit.
    /// </summary>
    public static SharePermission For(this EntryPermission entry, UserRole role) =>
        role.Allows(Ability.ManageCredentials) && entry is EntryPermission.Owner or EntryPermission.Edit ? SharePermission.Edit : SharePermission.View;

    /// <summary>What a share's permission gives the tenant it is shared into.</summary>
    public static EntryPermission Granted(SharePermission share) => share == SharePermission.Edit ? EntryPermission.Edit : EntryPermission.View;
}
