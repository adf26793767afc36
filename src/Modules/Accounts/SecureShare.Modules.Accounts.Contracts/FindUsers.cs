using Mediator;

namespace SecureShare.Modules.Accounts.Contracts;

/// <summary>Which of these ids are users of the ambient tenant (others are unknown or foreign), with their display names.</summary>
public sealed record FindUsers(IReadOnlyCollection<Guid> UserIds) : IQuery<IReadOnlyDictionary<Guid, string>>;
