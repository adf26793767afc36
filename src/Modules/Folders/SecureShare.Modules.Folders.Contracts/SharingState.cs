using System.Text.Json.Serialization;

namespace SecureShare.Modules.Folders.Contracts;

/// <summary>A credential's sharing state as its entry in one tenant sees it.</summary>
public enum SharingState
{
    /// <summary>The tenant's own credential, shared with no one.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>The tenant's own credential, shared into one or more tenants of its MSP family.</summary>
    [JsonStringEnumMemberName("out")]
    Out,

    /// <summary>Another tenant's credential, shared into this one.</summary>
    [JsonStringEnumMemberName("in")]
    In,
}
