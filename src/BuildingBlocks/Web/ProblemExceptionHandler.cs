using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using SecureShare.BuildingBlocks.Messaging;
using SecureShare.BuildingBlocks.Persistence;

namespace SecureShare.BuildingBlocks.Web;

/// <summary>
/// Turns every failure into an RFC 9457 problem: expected failures with their status and
/// message, unreadable input as a 400, anything else as a 500 that says nothing of its cause.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody reads an answer and nothing is wrong with the app.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var problem = exception switch
        {
            ValidationFailedException v => new ValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = 400,
                Title = v.Title,
                Detail = v.Message,
            },
            TooManyRequestsException t => WithRetryAfter(httpContext, t),
            AppException app => new ProblemDetails { Status = app.Status, Title = app.Title, Detail = app.Message },
            _ when UniqueViolation.Is(exception) => new ProblemDetails
            {
                Status = 409,
                Title = "Conflict",
                Detail = "The request conflicts with an existing object (a name or email already in use). Nothing was changed.",
            },
            _ when ValueRefused.Is(exception) => new ProblemDetails
            {
                Status = 400,
                Title = "Invalid request",
                Detail = "A value is too long or holds characters that cannot be stored. Nothing was changed.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Invalid request",
                Detail = DescribeBadRequest(bad),
            },
            CommitOutcomeUnknownException => Unavailable(
                httpContext,
                "The database connection was lost while your change was being saved: it may or may not have been made. Look before making it again.",
                retryAfterSeconds: null),
            _ when TransientFailure.Is(exception) => Unavailable(
                httpContext, "The database cannot be reached just now (it may be failing over). Nothing was changed: try again in a few seconds.", retryAfterSeconds: 2),
            _ => null,
        };

        if (exception is System.Security.Cryptography.CryptographicException)
        {
            // A stored ciphertext failed authentication: tampering, a moved value or a missing key.
            logger.LogError("A stored secret failed its integrity check on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = 500,
                Title = "Integrity check failed",
                Detail = "A stored secret failed its integrity check and was not revealed. The event has been logged.",
            };
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = 500,
                Title = "Unexpected error",
                Detail = "The request failed. It has been logged; nothing was changed.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>503: the database is away (a failover). Logged as a warning; a balancer may repeat a read that got it.</summary>
    private ProblemDetails Unavailable(HttpContext context, string detail, int? retryAfterSeconds)
    {
        logger.LogWarning("The database could not be reached on {Method} {Path}: {Detail}", context.Request.Method, context.Request.Path, detail);
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ProblemDetails { Status = 503, Title = "Database unavailable", Detail = detail };
    }

    private static ProblemDetails WithRetryAfter(HttpContext context, TooManyRequestsException e)
    {
        if (e.RetryAfter is { } after)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ProblemDetails { Status = 429, Title = e.Title, Detail = e.Message };
    }

    /// <summary>
    /// Unreadable JSON or a value of the wrong shape: say where, never echo the value
    /// (it may be a password).
    /// </summary>
    private static string DescribeBadRequest(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { Length: > 0 } path } => $"The request body is not valid at '{path}': a value is missing, malformed or of the wrong type.",
        JsonException => "The request body is not valid JSON.",
        _ when bad.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) =>
            "A route or query value has the wrong format (ids are GUIDs).",
        _ when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => "A JSON request body is required.",
        _ => "The request could not be read.",
    };
}
