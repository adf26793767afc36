using System.Reflection;
using System.Text.Json.Serialization;

namespace SecureShare.BuildingBlocks.Web;

/// <summary>
/// The name an enum value has on the wire: its <see cref="JsonStringEnumMemberNameAttribute"/>, else its own name. The
/// JSON serializer writes it, the database stores it (<c>WireNameConverter</c>) and the UI shows it, so the three agree.
/// </summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    /// <summary>The value a wire name stands for (exact, case-sensitive match), or null.</summary>
    public static TEnum? Parse<TEnum>(string? text)
        where TEnum : struct, Enum => text is not null && Names<TEnum>.ByName.TryGetValue(text, out var value) ? value : null;

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly IReadOnlyDictionary<TEnum, string> ByValue = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => (TEnum)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

        public static readonly IReadOnlyDictionary<string, TEnum> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
