using Mediator;
using SecureShare.Modules.Accounts.Contracts;
using SecureShare.Modules.Accounts.Services;

namespace SecureShare.Modules.Accounts.Features.ContractHandlers;

internal sealed class RequireSecondFactorHandler(RecentSignIn recentSignIn) : IQueryHandler<RequireSecondFactor, Unit>
{
    public async ValueTask<Unit> Handle(RequireSecondFactor query, CancellationToken ct)
    {
        await recentSignIn.RequireSecondFactorAsync(query.Action, ct);
        return Unit.Value;
    }
}
