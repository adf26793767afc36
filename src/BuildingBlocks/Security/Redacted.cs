namespace SecureShare.BuildingBlocks.Security;

/// <summary>
/// What a record carrying a password, token or secret prints instead of its values: a record's
/// generated ToString would otherwise write them wherever it is logged or shown in an exception.
/// </summary>
public static class Redacted
{
    public const string Text = "{ redacted: carries a password, token or secret }";
}
