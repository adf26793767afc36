using System.Globalization;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Features.Imports;

/// <summary>
/// Makes an entry fit SecureShare's limits, or says why it cannot come over. What can be kept with a small change is
/// kept and reported (a name from the URL when it has none, a custom field renamed when its name repeats, a long tag
/// cut); what would lose a secret or text is skipped with the reason, never cut silently.
/// </summary>
internal static class ImportChecks
{
    /// <summary>The reason the entry is skipped, or null when it is fit to import (then possibly changed, with warnings).</summary>
    public static string? Check(ImportedEntry entry, List<ImportWarning> warnings)
    {
        void Warn(string message) => warnings.Add(new ImportWarning(entry.Row, entry.Name, message));

        entry.Name = ImportText.Clean(entry.Name)?.Trim();
        if (entry.Name is null)
        {
            entry.Name = HostOf(entry.Url) ?? ImportText.Clean(entry.Username)?.Trim();
            if (entry.Name is null)
            {
                return "It has no name, URL or username to name it by.";
            }

            Warn($"It has no name; it is named {entry.Name}, after its {(HostOf(entry.Url) is null ? "username" : "URL")}.");
        }

        if ((TooLong(entry.Name, CredentialLimits.Name, "name") ?? TooLong(entry.Username, CredentialLimits.Username, "username")
            ?? TooLong(entry.Url, CredentialLimits.Url, "URL") ?? TooLong(entry.Description, CredentialLimits.Description, "description")
            ?? TooLong(entry.Secret, CredentialLimits.Secret, "secret") ?? TooLong(entry.Notes, CredentialLimits.Notes, "notes")) is { } tooLong)
        {
            return tooLong;
        }

        if (entry.Kind == Contracts.CredentialKind.Password && entry.Secret is null && entry.Username is null && entry.Url is null && entry.Notes is not null)
        {
            entry.Kind = Contracts.CredentialKind.Note; // text kept in an entry of a format that has no notes of their own
        }

        if (entry.Kind is Contracts.CredentialKind.Note or Contracts.CredentialKind.File && entry.Secret is not null)
        {
            entry.MoveSecretToField("Secret"); // a note keeps its text in notes and a file credential's secret is its file
            Warn("Its secret is kept as the secret field Secret: this kind has no secret of its own.");
        }

        if (entry.Kind is Contracts.CredentialKind.Password or Contracts.CredentialKind.ApiSecret && string.IsNullOrEmpty(entry.Secret))
        {
            Warn(entry.Kind == Contracts.CredentialKind.Password ? "It has no password." : "It has no secret.");
        }

        if (entry.Fields.Count > CredentialLimits.CustomFields)
        {
            return $"It has {entry.Fields.Count} custom fields; a credential has at most {CredentialLimits.CustomFields}.";
        }

        if (entry.Fields.FirstOrDefault(f => f.Value.Length > CredentialLimits.CustomFieldValue) is { } longField)
        {
            return $"Its custom field {longField.Name} is longer than {CredentialLimits.CustomFieldValue:N0} characters.";
        }

        UniqueFieldNames(entry, Warn);
        CleanTags(entry, Warn);
        foreach (var past in entry.History.Where(p => !Fits(p)).ToList())
        {
            entry.History.Remove(past);
            Warn("An earlier version larger than a credential may be (its secret, notes, TOTP seed or fields past their limits) is not kept.");
        }

        if (entry.History.Count > MaxVersions)
        {
            entry.History.RemoveRange(0, entry.History.Count - MaxVersions);
            Warn($"Only its newest {MaxVersions} earlier versions are kept.");
        }

        foreach (var message in entry.Unmapped)
        {
            Warn(message);
        }

        return null;
    }

    /// <summary>The most earlier versions an imported entry brings.</summary>
    public const int MaxVersions = 100;

    private static bool Fits(ImportedPastSecret past) =>
        !(past.Secret?.Length > CredentialLimits.Secret || past.Notes?.Length > CredentialLimits.Notes || past.Totp?.Length > CredentialLimits.TotpSeed
          || past.Fields?.Count > CredentialLimits.CustomFields
          || past.Fields?.Any(f => f.Name.Length > CredentialLimits.CustomFieldName || f.Value.Length > CredentialLimits.CustomFieldValue) == true);

    private static string? TooLong(string? value, int limit, string field) =>
        value is not null && value.Length > limit ? $"Its {field} is longer than {limit.ToString("N0", CultureInfo.InvariantCulture)} characters." : null;

    private static string? HostOf(string? url) =>
        url is null ? null
        : Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host
        : Uri.TryCreate("https://" + url, UriKind.Absolute, out var bare) && bare.Host.Contains('.', StringComparison.Ordinal) ? bare.Host
        : null;

    /// <summary>Field names as custom fields must have them: present, at most the limit, unique (a repeat gets " (2)" …).</summary>
    private static void UniqueFieldNames(ImportedEntry entry, Action<string> warn)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entry.Fields.Count; i++)
        {
            var field = entry.Fields[i];
            var name = string.IsNullOrWhiteSpace(field.Name) ? "Field" : field.Name.Trim();
            name = name.Length > CredentialLimits.CustomFieldName ? name[..CredentialLimits.CustomFieldName].TrimEnd() : name;
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
            {
                var suffix = $" ({n})";
                unique = (name.Length + suffix.Length > CredentialLimits.CustomFieldName ? name[..(CredentialLimits.CustomFieldName - suffix.Length)] : name) + suffix;
            }

            if (unique != field.Name)
            {
                warn($"Its custom field \"{field.Name}\" is named \"{unique}\".");
                entry.Fields[i] = field with { Name = unique };
            }
        }
    }

    private static void CleanTags(ImportedEntry entry, Action<string> warn)
    {
        var tags = entry.Tags.Select(t => new string(t.Where(c => !char.IsControl(c)).ToArray()).Trim()).Where(t => t.Length > 0)
            .Select(t => t.Length > CredentialLimits.Tag ? t[..CredentialLimits.Tag].TrimEnd() : t)
            .DistinctBy(t => t.ToUpperInvariant()).ToList();
        if (tags.Count > CredentialLimits.Tags)
        {
            warn($"It has {tags.Count} tags; the first {CredentialLimits.Tags} are kept.");
            tags = tags[..CredentialLimits.Tags];
        }

        if (entry.Tags.Any(t => t.Trim().Length > CredentialLimits.Tag))
        {
            warn($"A tag longer than {CredentialLimits.Tag} characters is cut to {CredentialLimits.Tag}.");
        }

        entry.Tags.Clear();
        entry.Tags.AddRange(tags);
    }
}
