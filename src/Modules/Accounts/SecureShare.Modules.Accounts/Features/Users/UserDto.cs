using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Modules.Accounts.Features.Users;

public sealed record UserDto(Guid Id, string Email, string DisplayName, UserRole Role, bool Disabled);
