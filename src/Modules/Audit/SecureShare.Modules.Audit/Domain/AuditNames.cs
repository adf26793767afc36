namespace SecureShare.Modules.Audit.Domain;

/// <summary>Display names as the log keeps them: at most 256 characters, never cut inside a surrogate pair.</summary>
internal static class AuditNames
{
    public const int MaxLength = 256;

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(name))]
    public static string? Clip(string? name)
    {
        if (name is null || name.Length <= MaxLength)
        {
            return name;
        }

        var end = char.IsHighSurrogate(name[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return name[..end];
    }
}
