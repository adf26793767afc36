using FluentValidation;
using SecureShare.Modules.Credentials.Domain;

namespace SecureShare.Modules.Credentials.Features.Credentials;

/// <summary>The fields a create or an update may carry (null: not given).</summary>
public interface ICredentialFields
{
    string? Name { get; }

    string? Description { get; }

    string? Username { get; }

    string? Secret { get; }

    string? Url { get; }

    string? Notes { get; }

    IReadOnlyList<string>? Tags { get; }

    IReadOnlyList<CustomFieldInput>? CustomFields { get; }

    string? TotpSeed { get; }
}

/// <summary>Limits and formats of every credential field, the same for create and update.</summary>
internal sealed class CredentialFieldsValidator : AbstractValidator<ICredentialFields>
{
    public CredentialFieldsValidator()
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().When(c => c.Name is not null).WithMessage("Name cannot be empty.")
            .Max(CredentialLimits.Name, "Name");
        RuleFor(c => c.Description).Max(CredentialLimits.Description, "Description");
        RuleFor(c => c.Username).Max(CredentialLimits.Username, "Username");
        RuleFor(c => c.Url).Max(CredentialLimits.Url, "Url");
        RuleFor(c => c.Secret).Max(CredentialLimits.Secret, "Secret");
        RuleFor(c => c.Notes).Max(CredentialLimits.Notes, "Notes");
        RuleFor(c => c.TotpSeed).ValidTotpSeed();
        RuleFor(c => c.Tags).ValidTags();
        RuleFor(c => c.CustomFields).ValidCustomFields();
    }
}

/// <summary>Field rules shared by create and update.</summary>
internal static class CredentialRules
{
    public static void ValidTotpSeed<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .MaximumLength(CredentialLimits.TotpSeed).WithMessage($"totpSeed must be at most {CredentialLimits.TotpSeed} characters.")
            .Must(s => string.IsNullOrEmpty(s) || IsBase32(s)).WithMessage("totpSeed must be a base32 secret (letters A–Z and digits 2–7).");

    public static void ValidTags<T>(this IRuleBuilderInitial<T, IReadOnlyList<string>?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(t => t is null || t.Count <= CredentialLimits.Tags).WithMessage($"At most {CredentialLimits.Tags} tags.")
            .Must(t => t is null || t.All(x => !string.IsNullOrWhiteSpace(x) && x.Trim().Length <= CredentialLimits.Tag && !x.Any(char.IsControl)))
            .WithMessage($"Each tag is 1–{CredentialLimits.Tag} characters, without control characters.");

    public static void ValidCustomFields<T>(this IRuleBuilderInitial<T, IReadOnlyList<CustomFieldInput>?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(f => f is null || f.Count <= CredentialLimits.CustomFields).WithMessage($"At most {CredentialLimits.CustomFields} custom fields.")
            .Must(f => f is null || f.All(x => x is not null && !string.IsNullOrWhiteSpace(x.Name) && x.Name.Length <= CredentialLimits.CustomFieldName))
            .WithMessage($"Each custom field has a name of 1–{CredentialLimits.CustomFieldName} characters.")
            .Must(f => f is null || f.All(x => (x.Value ?? string.Empty).Length <= CredentialLimits.CustomFieldValue))
            .WithMessage($"A custom field value is at most {CredentialLimits.CustomFieldValue} characters.")
            .Must(f => f is null || f.Select(x => x.Name!.Trim().ToUpperInvariant()).Distinct().Count() == f.Count)
            .WithMessage("Custom field names must be unique.");

    public static IRuleBuilderOptions<T, string?> Max<T>(this IRuleBuilder<T, string?> rule, int max, string name) =>
        rule.MaximumLength(max).WithMessage($"{name} must be at most {max} characters.");

    private static bool IsBase32(string seed) =>
        seed.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant() is { Length: >= 8 } s
        && s.All(c => c is >= 'A' and <= 'Z' or >= '2' and <= '7');
}
