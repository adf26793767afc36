namespace SecureShare.Modules.Accounts.Features.Groups;

public sealed record GroupDto(Guid Id, string Name, IReadOnlyList<Guid> MemberIds);
