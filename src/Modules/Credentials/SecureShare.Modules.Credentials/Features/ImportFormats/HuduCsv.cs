using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// Hudu's passwords CSV, with the column names of Hudu's asset-password API: company_name (the client), name, username,
/// password, url, otp_secret, description (free text: the notes), password_folder_name (the folder), password_type (a
/// tag) and, where present, id (kept as the visible field "Hudu ID"). Timestamps are dropped; other columns are kept as
/// secret fields.
/// </summary>
internal sealed class HuduCsv : IImportReader
{
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["client"] = ["company_name", "company"],
        ["name"] = ["name"],
        ["username"] = ["username"],
        ["secret"] = ["password"],
        ["url"] = ["url"],
        ["totp"] = ["otp_secret"],
        ["notes"] = ["description", "notes"],
        ["folder"] = ["password_folder_name", "folder"],
        ["tags"] = ["password_type"],
    };

    private static readonly string[] Visible = ["id", "passwordable_type"];

    private static readonly string[] Dropped = ["created_at", "updated_at", "company_id", "password_folder_id", "slug"];

    private static readonly Dictionary<string, string> Renamed = new() { ["id"] = "Hudu ID" };

    public ImportFormat Format => ImportFormat.HuduCsv;

    public bool Recognizes(ImportHead head) => head.HasColumns("company_name", "name", "password");

    public Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct) =>
        GenericCsv.ReadAsync(file, options.File, header => GenericCsv.Fixed(header, Columns, Visible, Dropped, Renamed), assumedHeader: null, ct);
}
