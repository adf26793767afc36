namespace SecureShare.Modules.Accounts.Features.Tenants;

/// <summary>
/// A tenant's sign-in policy. <c>MfaRequiredForClients</c> is an MSP's (null for a client); <c>MfaRequiredByMsp</c> tells
/// a client that its MSP requires MFA of it whatever its own setting. Session lengths and the file quota (MiB) are the effective ones.
/// </summary>
public sealed record TenantPolicyDto(bool MfaRequired, bool? MfaRequiredForClients, bool MfaRequiredByMsp, bool SsoRequired, int SessionIdleMinutes, int SessionMaxHours, int FileQuotaMb);
