using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// IT Glue's passwords.csv (from an account export): id, organization (the client), name, password_category, username,
/// password, url, notes, otp_secret, one_time_password and, where present, password_folder (a path, "/"-separated),
/// resource fields and timestamps. The category becomes a tag; the id is kept as the visible field "IT Glue ID"; the
/// one-time code of the moment and the timestamps are dropped (they describe the export, not the credential). Columns
/// beyond the documented ones are kept as secret fields.
/// </summary>
internal sealed class ItGlueCsv : IImportReader
{
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["client"] = ["organization", "organization_name"],
        ["name"] = ["name"],
        ["tags"] = ["password_category", "password_category_name"],
        ["username"] = ["username"],
        ["secret"] = ["password"],
        ["url"] = ["url"],
        ["notes"] = ["notes"],
        ["totp"] = ["otp_secret"],
        ["folder"] = ["password_folder", "password_folder_name", "folder"],
    };

    private static readonly string[] Visible = ["id", "resource_type", "resource_id"];

    private static readonly string[] Dropped = ["one_time_password", "created_at", "updated_at", "archived"];

    private static readonly Dictionary<string, string> Renamed = new() { ["id"] = "IT Glue ID" };

    public ImportFormat Format => ImportFormat.ItGlueCsv;

    public bool Recognizes(ImportHead head) => head.HasColumns("organization", "name", "password") && head.HasColumns("otp_secret");

    public Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct) =>
        GenericCsv.ReadAsync(file, options.File, header => GenericCsv.Fixed(header, Columns, Visible, Dropped, Renamed), assumedHeader: null, ct);
}
