using System.Text.Json.Serialization;

namespace SecureShare.Modules.Sharing.Features.Shares;

/// <summary>What a share request did (or, in a preview, would do) to one credential.</summary>
public enum ShareOutcome
{
    [JsonStringEnumMemberName("shared")]
    Shared,

    [JsonStringEnumMemberName("updated")]
    Updated,

    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    [JsonStringEnumMemberName("stopped")]
    Stopped,

    [JsonStringEnumMemberName("refused")]
    Refused,
}

/// <summary>Why a credential of a share request was refused; <see cref="ShareItemResult.Reason"/> is its text.</summary>
public enum ShareRefusal
{
    /// <summary>Does not exist, is another tenant's, or the caller may not see it: none of them may be told apart.</summary>
    NotFound,

    /// <summary>Shared into the caller's tenant: only the tenant that owns a credential shares it.</summary>
    NotOwner,
}

/// <summary>What happened (or, in a preview, would happen) to one credential of a share request.</summary>
public sealed record ShareItemResult(Guid CredentialId, ShareOutcome Outcome)
{
    [JsonIgnore]
    public ShareRefusal? Refusal { get; init; }

    public string? Reason => Refusal is { } refusal ? Text(refusal) : null;

    public static ShareItemResult Refused(Guid credentialId, ShareRefusal refusal) => new(credentialId, ShareOutcome.Refused) { Refusal = refusal };

    public static string Text(ShareRefusal refusal) => refusal switch
    {
        ShareRefusal.NotOwner => "Only the tenant that owns a credential shares it.",
        _ => "No such credential.",
    };
}

/// <summary>A user of the target tenant who would gain or lose access, and to how many of the credentials.</summary>
public sealed record AccessChange(Guid UserId, string DisplayName, int Credentials);

public sealed record AccessChanges(IReadOnlyList<AccessChange> Gaining, IReadOnlyList<AccessChange> Losing);
