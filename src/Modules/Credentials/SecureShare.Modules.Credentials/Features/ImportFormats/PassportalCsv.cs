using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// N-able Passportal's credential CSV: Passportal ID, Client Name, Credential (the name), Username, Password, Description,
/// Expires, Notes, URL, Folder(Optional), and where two-factor seeds are exported TOTP Secret. Its header row is
/// optional (Passportal's own import template has one, exports made by scripts often do not): a file without it is read in
/// that column order. Each row names its client, which the import routes to a client tenant. Passportal ID and Expires
/// are kept as visible fields so each credential can be traced back.
/// </summary>
internal sealed class PassportalCsv : IImportReader
{
    private static readonly string[] Header =
        ["Passportal ID", "Client Name", "Credential", "Username", "Password", "Description", "Expires", "Notes", "URL", "Folder(Optional)", "TOTP Secret"];

    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["client"] = ["Client Name"],
        ["name"] = ["Credential"],
        ["username"] = ["Username"],
        ["secret"] = ["Password"],
        ["description"] = ["Description"],
        ["notes"] = ["Notes"],
        ["url"] = ["URL"],
        ["folder"] = ["Folder(Optional)", "Folder (Optional)", "Folder"],
        ["totp"] = ["TOTP Secret", "TOTP"],
    };

    public ImportFormat Format => ImportFormat.PassportalCsv;

    public bool Recognizes(ImportHead head) => head.HasColumns("Client Name", "Credential", "Password");

    public Task<ImportedFile> ReadAsync(Stream file, ImportReadOptions options, CancellationToken ct) =>
        GenericCsv.ReadAsync(file, options.File, header => GenericCsv.Fixed(header, Columns, visible: ["Passportal ID", "Expires"], dropped: []), Header, ct);
}
