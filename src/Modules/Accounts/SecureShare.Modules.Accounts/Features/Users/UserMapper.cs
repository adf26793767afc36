using Riok.Mapperly.Abstractions;
using SecureShare.Modules.Accounts.Domain;

namespace SecureShare.Modules.Accounts.Features.Users;

/// <summary>User → UserDto, in memory and as an SQL projection; an unmapped DTO member fails the build.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
internal static partial class UserMapper
{
    [MapProperty(nameof(User.IsDisabled), nameof(UserDto.Disabled))]
    public static partial UserDto ToDto(this User user);

    public static partial IQueryable<UserDto> ProjectToDto(this IQueryable<User> users);
}
