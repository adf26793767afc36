using FluentValidation;
using Microsoft.AspNetCore.Builder;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.Modules.Sharing.Contracts;
using SecureShare.Modules.Sharing.Domain;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>The terms of a share request, single or bulk.</summary>
public interface IShareTerms
{
    bool? Enabled { get; }

    AudienceBody? Audience { get; }

    SharePermission? Permission { get; }

    DateTimeOffset? ExpiresAt { get; }
}

/// <summary>The rules every share request's terms follow.</summary>
internal sealed class ShareTermsValidator : AbstractValidator<IShareTerms>
{
    /// <summary>Users and groups named in one audience; groups are how a large audience is named.</summary>
    public const int MaxAudience = 100;

    public ShareTermsValidator(TimeProvider clock)
    {
        RuleFor(c => c.Enabled).NotNull().WithMessage("enabled is required.");
        When(c => c.Enabled == true, () =>
        {
            RuleFor(c => c.Permission).KnownValue();
            RuleFor(c => c.Audience).NotNull().WithMessage("audience is required.");
            RuleFor(c => c.Audience!).Must(a => a.Everyone || (a.UserIds?.Count ?? 0) + (a.GroupIds?.Count ?? 0) > 0)
                .When(c => c.Audience is not null).WithName("audience")
                .WithMessage("Choose everyone, or at least one user or group of the target tenant.");
            RuleFor(c => c.Audience!).Must(a => (a.UserIds?.Count ?? 0) + (a.GroupIds?.Count ?? 0) <= MaxAudience)
                .When(c => c.Audience is not null).WithName("audience").WithMessage($"At most {MaxAudience} users and groups (name a group for more).");
            RuleFor(c => c.ExpiresAt).Must(e => e is null || e > clock.GetUtcNow()).WithMessage("expiresAt must be in the future.");
        });
    }

    /// <summary>Valid terms as the writer takes them; expiry kept to whole milliseconds so every database stores it exactly.</summary>
    public static ShareTerms Normalize(IShareTerms terms) => terms.Enabled == true
        ? new ShareTerms(
            true,
            terms.Permission!.Value,
            new ShareAudience(terms.Audience!.Everyone, (terms.Audience.UserIds ?? []).Distinct().ToList(), (terms.Audience.GroupIds ?? []).Distinct().ToList()),
            terms.ExpiresAt is { } e ? new DateTimeOffset(e.UtcTicks - (e.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) : null)
        : Stop;

    /// <summary>The terms of a stop: no share.</summary>
    public static readonly ShareTerms Stop = new(false, SharePermission.View, new ShareAudience(true, [], []), null);
}
