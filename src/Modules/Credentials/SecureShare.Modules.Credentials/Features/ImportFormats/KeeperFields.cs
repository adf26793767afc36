using System.Globalization;
using System.Text.Json;
using SecureShare.Modules.Credentials.Features.Imports;

namespace SecureShare.Modules.Credentials.Features.ImportFormats;

/// <summary>
/// Keeper's custom fields, as both its exports name them: "$type:Label" for a typed field ("$type:Label:1" for the second
/// of a name), "$type" without a label, or a plain label (a legacy text field); "TFC:Keeper" and "$oneTimeCode" hold the
/// TOTP as an otpauth URI. A field is secret when its type is one Keeper masks (secret, PIN, password, card number and
/// code, account number, private key …). A structured value (a host, a card, a key pair) becomes one field per part.
/// </summary>
internal static class KeeperFields
{
    private static readonly HashSet<string> SecretTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "secret", "pinCode", "password", "licenseNumber", "accountNumber", "cardNumber", "cardSecurityCode", "securityQuestion", "privateKey", "passphrase",
    };

    /// <summary>Adds the field named <paramref name="key"/> with this value to the entry (the TOTP where it is one).</summary>
    public static void Add(ImportedEntry entry, string key, JsonElement value)
    {
        var (type, label) = Parse(key);
        if (type is "oneTimeCode" || key.Equals("TFC:Keeper", StringComparison.OrdinalIgnoreCase))
        {
            entry.SetTotp(Text(value));
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var part in value.EnumerateObject())
                {
                    if (Text(part.Value) is { } text)
                    {
                        entry.Fields.Add(new ImportedField($"{label} {Words(part.Name).ToLowerInvariant()}", text, SecretTypes.Contains(part.Name) || SecretTypes.Contains(type ?? string.Empty)));
                    }
                }

                break;
            default:
                if (Text(value) is { } plain)
                {
                    entry.Fields.Add(new ImportedField(label, plain, type is not null && SecretTypes.Contains(type)));
                }

                break;
        }
    }

    public static void Add(ImportedEntry entry, string key, string value)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(value));
        Add(entry, key, document.RootElement.Clone());
    }

    /// <summary>The field's type (null for a plain label) and the name it takes here.</summary>
    private static (string? Type, string Label) Parse(string key)
    {
        if (!key.StartsWith('$'))
        {
            return (null, key.Trim());
        }

        var parts = key[1..].Split(':');
        var label = parts.Length > 1 && parts[1].Trim().Length > 0 ? parts[1].Trim() : Words(parts[0]);
        return (parts[0], label);
    }

    /// <summary>A value as text: a string, a number, an array's items one per line; null when empty.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => ImportText.Clean(value.GetString()),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => ImportText.Clean(string.Join('\n', value.EnumerateArray().Select(Text).OfType<string>())),
        _ => null,
    };

    /// <summary>"cardSecurityCode" → "Card security code".</summary>
    private static string Words(string camel)
    {
        var words = string.Concat(camel.Select((c, i) => i > 0 && char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : c.ToString()));
        return words.Length == 0 ? "Field" : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }
}
