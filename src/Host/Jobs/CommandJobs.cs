using System.Text.Json;
using FluentValidation;
using Hangfire;
using Hangfire.Server;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Security;

namespace SecureShare.Host.Jobs;

/// <summary>
/// What a job record holds: the tenant and user it runs for, the API key the starting request came with (if any: the job
/// runs only while the key would still be accepted), the role that request had (an API key's cap included: the job never
/// has more), the address and agent of that request (for its audit events), the command's type, and the command itself
/// sealed under the installation's master key, so that nothing a command carries lies in the job tables in clear. The
/// seal's key is derived for this tenant, user, key, role and type: a record edited to run the command for someone else
/// no longer opens.
/// </summary>
public sealed record JobOrder(
    Guid TenantId, Guid UserId, UserRole Role, string? IpAddress, string? UserAgent, string CommandType, string MasterKeyId, string SealedCommand, int Total,
    Guid? ApiKeyId = null)
{
    public string Purpose => $"job-command:{TenantId}:{UserId}:{Role}:{CommandType}" + (ApiKeyId is { } key ? $":key:{key}" : "");

    public override string ToString() => $"JobOrder {{ TenantId = {TenantId}, UserId = {UserId}, CommandType = {CommandType}, Total = {Total} }}";
}

/// <summary>
/// Starts commands as Hangfire jobs (<see cref="IJobs"/>): the caller's role and the command's input are checked before
/// anything is enqueued, so a refused request answers 403 or 400 at once, as it would without a job.
/// </summary>
internal sealed class CommandJobs(
    IBackgroundJobClient client, ICurrentUser caller, IServiceProvider services, MasterKeyRing masters, IOptions<JsonOptions> json, IConfiguration configuration)
    : IJobs
{
    public int Threshold => configuration.GetValue("Jobs:Threshold", 20_000);

    public async Task<JobTicket> StartAsync<TCommand>(
        TCommand command, Ability ability, int total, CancellationToken cancellationToken, Func<TCommand, CancellationToken, ValueTask<TCommand>>? prepare = null)
        where TCommand : IMessage
    {
        // The request's own checks, as the pipeline makes them: a refusal (the role, the input) is audited as it would be.
        var audit = ActivatorUtilities.CreateInstance<AuditBehaviour<TCommand, JobTicket>>(services);
        var validation = new ValidationBehaviour<TCommand, JobTicket>(services.GetServices<IValidator<TCommand>>());
        return await audit.Handle(
            command,
            (c, ct) => validation.Handle(c, async (checkedCommand, t) =>
            {
                caller.Require(ability);
                return Enqueue(prepare is null ? checkedCommand : await prepare(checkedCommand, t), ability, total);
            }, ct),
            cancellationToken);
    }

    private JobTicket Enqueue<TCommand>(TCommand command, Ability ability, int total)
        where TCommand : IMessage
    {
        var me = caller.Require(ability);
        var payload = JsonSerializer.SerializeToUtf8Bytes(command, json.Value.SerializerOptions);
        var type = $"{typeof(TCommand).FullName}, {typeof(TCommand).Assembly.GetName().Name}"; // no version: a job outlives a deployment
        var order = new JobOrder(me.Tenant.Id, me.UserId, me.Role, caller.IpAddress, caller.UserAgent, type, masters.Current.Id, "", total, me.Key?.Id);
        order = order with { SealedCommand = Convert.ToBase64String(Envelope.SealForPurpose(masters.Current, order.Purpose, payload)) };
        var id = client.Enqueue<CommandJobRunner>(runner => runner.RunAsync(order, null, CancellationToken.None));
        return new JobTicket(id, $"/api/v1/jobs/{id}");
    }
}

/// <summary>
/// Runs a started command on a job worker: inside its tenant, as its user (who must still be enabled) or API key (which
/// must still be accepted), through the same
/// pipeline as a request, so the command is all-or-nothing in one transaction. Its tenant must still be active, and it
/// acts with the lower of its user's role now and the role the starting request had. A worker that dies mid-way leaves nothing
/// applied (its transaction never commits); once the job's invisibility timeout passes, a live host runs it again from
/// the start. A refusal (403, 404, 409…) is the job's answer and is not retried; an unexpected failure is retried twice.
/// </summary>
public sealed class CommandJobRunner(IServiceScopeFactory scopes, BuildingBlocks.Tenancy.ITenantStore tenants, MasterKeyRing masters, IOptions<JsonOptions> json, JobStorage storage, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(JobOrder order, PerformContext? context, CancellationToken cancellationToken)
    {
        var options = json.Value.SerializerOptions;
        await using var progress = JobRecord.Begin(storage, context!.BackgroundJob.Id, order.Total, clock);
        try
        {
            var tenant = await tenants.FindCurrentAsync(order.TenantId, cancellationToken) is { State: BuildingBlocks.Tenancy.TenantState.Active } active
                ? active
                : throw new NotFoundException("The job's tenant");
            using (BuildingBlocks.Tenancy.TenantContext.Begin(tenant))
            {
                await using var scope = scopes.CreateAsyncScope();
                var user = await StarterAsync(scope.ServiceProvider.GetRequiredService<IUserPrincipals>(), order, cancellationToken);
                var principal = user with { Role = (UserRole)Math.Max((int)user.Role, (int)order.Role) }; // Admin < Technician < Member
                scope.ServiceProvider.GetRequiredService<JobCaller>().Set(principal, order.IpAddress, order.UserAgent);
                scope.ServiceProvider.GetRequiredService<JobProgress>().Attach(progress);
                var payload = Envelope.OpenForPurpose(masters.Find(order.MasterKeyId), order.Purpose, Convert.FromBase64String(order.SealedCommand));
                var type = Type.GetType(order.CommandType, throwOnError: true)!;
                var command = JsonSerializer.Deserialize(payload, type, options)!;
                var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
                await progress.EndAsync(JobState.Succeeded, JsonSerializer.SerializeToElement(result, options), null);
            }
        }
        catch (AppException refused)
        {
            await progress.EndAsync(JobState.Failed, null, new JobProblem(refused.Status, refused.Title, refused.Message, (refused as ValidationFailedException)?.Errors));
        }
    }

    /// <summary>Who started the job, as of now: its API key while a request would still accept it, else its user while enabled.</summary>
    private static async Task<SessionPrincipal> StarterAsync(IUserPrincipals principals, JobOrder order, CancellationToken ct)
    {
        if (order.ApiKeyId is not { } keyId)
        {
            return await principals.FindAsync(order.UserId, ct) ?? throw new UnauthorizedException("The user who started this job can no longer sign in.");
        }

        return await principals.FindApiKeyAsync(keyId, ct) is { } key && key.UserId == order.UserId
            ? key
            : throw new UnauthorizedException("The API key that started this job was revoked or has expired, or its owner can no longer use it.");
    }
}
