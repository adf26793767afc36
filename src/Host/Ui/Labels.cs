using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Folders.Contracts;

namespace SecureShare.Host.Ui;

/// <summary>How the pages word states and outcomes, in one place.</summary>
public static class Labels
{
    public static string Sharing(SharingState state, int tenantCount, string originTenantName) => state switch
    {
        SharingState.Out => $"Shared out to {tenantCount}",
        SharingState.In => $"Shared in from {originTenantName}",
        _ => "Not shared",
    };

    /// <summary>An outcome or state as the API names it ("shared", "refused", "moved", "used-up" …).</summary>
    public static string ApiName<TEnum>(TEnum value)
        where TEnum : struct, Enum => WireName.Of(value);
}
