using Mediator;

namespace SecureShare.Modules.Accounts.Contracts;

/// <summary>Which of these ids are users of the ambient tenant (others are unknown or foreign).</summary>
public sealed record FindUsers(IReadOnlyCollection<Guid> UserIds) : IQuery<IReadOnlyList<Guid>>;

/// <summary>The display names of those of these ids that are users of the ambient tenant, by id.</summary>
public sealed record GetUserNames(IReadOnlyCollection<Guid> UserIds) : IQuery<IReadOnlyDictionary<Guid, string>>;
