using SecureShare.BuildingBlocks.Web;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Features.Imports;
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

    /// <summary>A credential kind as people say it.</summary>
    public static string Kind(CredentialKind kind) =>
        kind switch { CredentialKind.ApiSecret => "API secret", CredentialKind.Note => "Secure note", CredentialKind.File => "File", _ => "Password" };

    /// <summary>What a kind's username field holds.</summary>
    public static string Username(CredentialKind kind) => kind == CredentialKind.ApiSecret ? "Key id" : "Username";

    /// <summary>What a kind's URL field holds.</summary>
    public static string Url(CredentialKind kind) => kind == CredentialKind.ApiSecret ? "Endpoint" : "URL";

    /// <summary>What a kind's secret is called.</summary>
    public static string Secret(CredentialKind kind) =>
        kind switch { CredentialKind.ApiSecret => "Secret", CredentialKind.Note => "Note", CredentialKind.File => "Notes", _ => "Password" };

    /// <summary>A file's size as people read it: "812 bytes", "4.2 KB", "20.0 MB" (powers of 1,024).</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0 KB", System.Globalization.CultureInfo.InvariantCulture),
        _ => (bytes / (1024.0 * 1024)).ToString("0.0 MB", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A number with its noun: "1 credential", "2,314 credentials" (plural given where it is not noun + "s").</summary>
    public static string Count(int n, string noun, string? plural = null) =>
        $"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {(n == 1 ? noun : plural ?? noun + "s")}";

    /// <summary>An outcome or state as the API names it ("shared", "refused", "moved", "used-up" …).</summary>
    public static string ApiName<TEnum>(TEnum value)
        where TEnum : struct, Enum => WireName.Of(value);

    /// <summary>An import format as its product calls it.</summary>
    public static string Format(ImportFormat format) => format switch
    {
        ImportFormat.BitwardenCsv => "Bitwarden CSV",
        ImportFormat.BitwardenJson => "Bitwarden JSON (plain or password-protected)",
        ImportFormat.LastPassCsv => "LastPass CSV",
        ImportFormat.OnePasswordCsv => "1Password CSV",
        ImportFormat.OnePassword1Pux => "1Password 1PUX",
        ImportFormat.KeeperCsv => "Keeper CSV",
        ImportFormat.KeeperJson => "Keeper JSON",
        ImportFormat.KeePassXml => "KeePass 2 XML",
        ImportFormat.KeePassXcCsv => "KeePassXC CSV",
        ImportFormat.PassportalCsv => "Passportal CSV",
        ImportFormat.ItGlueCsv => "IT Glue passwords CSV",
        ImportFormat.HuduCsv => "Hudu passwords CSV",
        ImportFormat.GenericCsv => "Another CSV (with a column mapping)",
        _ => format.ToString(),
    };
}
