using Mediator;

namespace SecureShare.Modules.Accounts.Contracts;

/// <summary>
/// A fresh second-factor check before a sensitive action (named in the refusal, e.g. "An export"): a 403 unless the caller
/// is a person with a second factor whose session began with it in the last 15 minutes.
/// </summary>
public sealed record RequireSecondFactor(string Action) : IQuery<Unit>;
