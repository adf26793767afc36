using SecureShare.BuildingBlocks.Messaging;

namespace SecureShare.Host.Ui;

/// <summary>What a page shows when the application refuses: the problem's detail and, for invalid input, each field's message.</summary>
public sealed record ProblemText(string Title, string Detail, IReadOnlyList<string> Fields)
{
    public static ProblemText From(AppException problem) => new(
        problem.Title,
        problem.Message,
        problem is ValidationFailedException invalid ? invalid.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList() : []);
}
