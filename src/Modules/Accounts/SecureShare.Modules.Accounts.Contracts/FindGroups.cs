using Mediator;

namespace SecureShare.Modules.Accounts.Contracts;

/// <summary>Which of these ids are security groups of the ambient tenant (others are unknown or foreign).</summary>
public sealed record FindGroups(IReadOnlyCollection<Guid> GroupIds) : IQuery<IReadOnlyList<Guid>>;
