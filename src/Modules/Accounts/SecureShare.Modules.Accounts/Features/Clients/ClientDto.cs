namespace SecureShare.Modules.Accounts.Features.Clients;

public sealed record ClientDto(Guid Id, string Name);
