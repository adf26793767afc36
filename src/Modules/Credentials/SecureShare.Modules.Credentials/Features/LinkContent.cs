using System.Text.Json;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;
using SecureShare.Modules.Credentials.Contracts;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Features;

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

    public static LinkContent Snapshot(Credential credential, SecretDto secret, IReadOnlyList<string>? chosen)
    {
        var available = Available(credential, secret).ToList();
        var names = chosen?.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            ?? (credential.Kind == CredentialKind.Note ? ["notes"] : ["username", "secret"]);
        var unknown = names.Where(n => !available.Any(f => f.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw ValidationFailedException.For("fields", $"Not a field of this credential: {string.Join(", ", unknown)}.");
        }

        var fields = available.Where(f => !string.IsNullOrEmpty(f.Value) && names.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        return fields.Count > 0
            ? new LinkContent(fields)
            : throw ValidationFailedException.For("fields", "The chosen fields of this credential are all empty: there is nothing to share.");
    }

    private static IEnumerable<Field> Available(Credential c, SecretDto secret)
    {
        var (user, key, address) = c.Kind switch
        {
            CredentialKind.ApiSecret => ("Key ID", "Secret", "Endpoint"),
            _ => ("Username", "Password", "URL"),
        };
        yield return new Field("username", user, c.Username ?? string.Empty);
        yield return new Field("secret", key, secret.Secret ?? string.Empty);
        yield return new Field("url", address, c.Url ?? string.Empty);
        yield return new Field("notes", c.Kind == CredentialKind.Note ? "Note" : "Notes", secret.Notes ?? string.Empty);
        yield return new Field("totpSeed", "TOTP seed", secret.TotpSeed ?? string.Empty);
        foreach (var custom in secret.CustomFields)
        {
            yield return new Field(custom.Name, custom.Name, custom.Value ?? string.Empty);
        }
    }
}
