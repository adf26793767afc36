namespace SecureShare.Modules.Credentials.Domain;

/// <summary>Field limits, shared by validation and the schema.</summary>
internal static class CredentialLimits
{
    public const int Name = 200;
    public const int Description = 2_000;
    public const int Username = 256;
    public const int Url = 2_048;
    public const int Secret = 16_384;
    public const int Notes = 65_536;
    public const int TotpSeed = 256;
    public const int Tag = 50;
    public const int Tags = 50;
    public const int CustomFieldName = 100;
    public const int CustomFieldValue = 4_096;
    public const int CustomFields = 50;
}
