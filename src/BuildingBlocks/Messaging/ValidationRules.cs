using FluentValidation;

namespace SecureShare.BuildingBlocks.Messaging;

/// <summary>Field rules shared by every module, so a name or an email means the same everywhere.</summary>
public static class ValidationRules
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PasswordMinLength = 12;
    public const int PasswordMaxLength = 128;

    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("{PropertyName} is required.")
            .Must(v => v!.Trim().Length == v.Length).WithMessage("{PropertyName} must not start or end with spaces.")
            .MaximumLength(NameMaxLength).WithMessage($"{{PropertyName}} must be at most {NameMaxLength} characters.")
            .Must(v => !v!.Any(char.IsControl)).WithMessage("{PropertyName} must not contain control characters.");

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("{PropertyName} is required.")
            .MaximumLength(EmailMaxLength).WithMessage($"{{PropertyName}} must be at most {EmailMaxLength} characters.")
            .EmailAddress().WithMessage("{PropertyName} is not a valid email address.")
            .Must(e => System.Net.Mail.MailAddress.TryCreate(e!.Trim(), out var parsed) && parsed.Address == e.Trim() && parsed.DisplayName.Length == 0)
            .WithMessage("{PropertyName} is not a valid email address.");

    /// <summary>Length only, as NIST SP 800-63B advises; the message never repeats the value.</summary>
    public static IRuleBuilderOptions<T, string?> ValidNewPassword<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("{PropertyName} is required.")
            .MinimumLength(PasswordMinLength).WithMessage($"{{PropertyName}} must be at least {PasswordMinLength} characters.")
            .MaximumLength(PasswordMaxLength).WithMessage($"{{PropertyName}} must be at most {PasswordMaxLength} characters.");

    public static IRuleBuilderOptions<T, TEnum?> KnownValue<T, TEnum>(this IRuleBuilderInitial<T, TEnum?> rule)
        where TEnum : struct, Enum =>
        rule.Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("{PropertyName} is required.")
            .IsInEnum().WithMessage($"{{PropertyName}} must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
}
