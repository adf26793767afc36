namespace SecureShare.Modules.Sharing.Contracts;

/// <summary>
/// View: read and reveal. Edit: also change fields and secret (the origin still owns it). Manage: Edit, and the target's
/// Admins choose the audience inside their own tenant (the origin can still stop the share).
/// </summary>
public enum SharePermission
{
    View,
    Edit,
    Manage,
}
