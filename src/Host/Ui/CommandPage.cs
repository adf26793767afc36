using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using SecureShare.BuildingBlocks.Messaging;

namespace SecureShare.Host.Ui;

/// <summary>
/// The base of every page that sends commands: the mediator, the request, and the one way a page runs a command and
/// shows a refusal (<c>&lt;Problem Text="Problem" /&gt;</c>). Pages decide nothing the handlers decide: they send, and
/// show what came back.
/// </summary>
public abstract class CommandPage : ComponentBase
{
    [Inject]
    protected IMediator Mediator { get; set; } = default!;

    [CascadingParameter]
    public HttpContext Http { get; set; } = default!;

    /// <summary>The refusal to show, in words (a later success does not clear it: the page still explains what failed).</summary>
    protected ProblemText? Problem { get; set; }

    /// <summary>Runs <paramref name="action"/>; a refusal of the application becomes <see cref="Problem"/> and false.</summary>
    protected async Task<bool> RunAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (AppException refused)
        {
            Problem = ProblemText.From(refused);
            return false;
        }
    }
}
