namespace SecureShare.Modules.Sharing.Contracts;

/// <summary>View: read and reveal. Edit: also change fields and secret (the origin still owns it).</summary>
public enum SharePermission
{
    View,
    Edit,
}
