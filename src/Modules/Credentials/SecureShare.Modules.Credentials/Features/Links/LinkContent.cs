using System.Text.Json;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Domain;
using SecureShare.Modules.Credentials.Features.Credentials;

namespace SecureShare.Modules.Credentials.Features.Links;

/// <summary>
/// A field a link of a credential may carry: its name in requests, the label the recipient reads, whether
/// it goes when none are chosen, and whether it is one of the credential's custom fields.
/// </summary>
public sealed record LinkFieldChoice(string Name, string Label, bool Default, bool Custom = false);

/// <summary>
/// What a link share carries: the chosen fields of a credential, each with the label the recipient
/// reads. Fields are named <c>username</c>, <c>secret</c>, <c>url</c>, <c>notes</c>, <c>totpSeed</c> or by a
/// custom field's name; without a choice a note shares its text and anything else its username and secret.
/// </summary>
internal sealed record LinkContent(IReadOnlyList<LinkContent.Field> Fields)
{
    public const int MaxFields = 60;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Field(string Name, string Label, string Value)
    {
        public override string ToString() => Redacted.Text;
    }

    public override string ToString() => Redacted.Text;

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static string NamesToColumn(IEnumerable<string> names) => JsonSerializer.Serialize(names, Json);

    public static IReadOnlyList<string> NamesFromColumn(string column) => JsonSerializer.Deserialize<List<string>>(column, Json) ?? [];

    /// <summary>
    /// The fields a link of such a credential may carry: a note has its text (a file its notes; its files go as files), a password or API secret its
    /// username (key id), secret, URL (endpoint) and notes; then the TOTP seed if it has one, and its custom fields.
    /// </summary>
    public static IReadOnlyList<LinkFieldChoice> Choices(CredentialKind kind, bool hasTotp, IEnumerable<string> customFieldNames)
    {
        var api = kind == CredentialKind.ApiSecret;
        var note = kind is CredentialKind.Note or CredentialKind.File;
        List<LinkFieldChoice> choices = note
            ? [new("notes", kind == CredentialKind.Note ? "Note" : "Notes", true)]
            : [new("username", api ? "Key ID" : "Username", true), new("secret", api ? "Secret" : "Password", true), new("url", api ? "Endpoint" : "URL", false), new("notes", "Notes", false)];
        if (hasTotp)
        {
            choices.Add(new("totpSeed", "TOTP seed", false));
        }

        choices.AddRange(customFieldNames.Select(name => new LinkFieldChoice(name, name, false, Custom: true)));
        return choices;
    }

    /// <summary>The chosen fields' values; with <paramref name="withFiles"/> the link may carry files alone.</summary>
    public static LinkContent Snapshot(Credential credential, SecretDto secret, IReadOnlyList<string>? chosen, bool withFiles = false)
    {
        var choices = Choices(credential.Kind, secret.TotpSeed is not null, secret.CustomFields.Select(f => f.Name));
        var names = chosen?.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            ?? choices.Where(c => c.Default).Select(c => c.Name).ToList();
        var unknown = names.Where(n => !choices.Any(c => c.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw ValidationFailedException.For("fields", $"Not a field of this credential: {string.Join(", ", unknown)}.");
        }

        var fields = choices
            .Where(c => names.Contains(c.Name, StringComparer.OrdinalIgnoreCase))
            .Select(c => new Field(c.Name, c.Label, ValueOf(c) ?? string.Empty))
            .Where(f => f.Value.Length > 0)
            .ToList();
        return fields.Count > 0 || withFiles
            ? new LinkContent(fields)
            : throw ValidationFailedException.For("fields", "The chosen fields of this credential are all empty: there is nothing to share.");

        string? ValueOf(LinkFieldChoice choice) => choice.Custom
            ? secret.CustomFields.First(f => f.Name == choice.Name).Value
            : choice.Name switch
            {
                "username" => credential.Username,
                "secret" => secret.Secret,
                "url" => credential.Url,
                "notes" => secret.Notes,
                _ => secret.TotpSeed,
            };
    }
}
