namespace SecureShare.BuildingBlocks.Messaging;

/// <summary>
/// An expected failure that the web layer turns into an RFC 9457 problem with its status.
/// Messages are shown to the caller: they never carry a secret.
/// </summary>
public abstract class AppException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;
}

/// <summary>Does not exist, or belongs to another tenant, or the caller may not see it: one answer for all.</summary>
public sealed class NotFoundException(string what)
    : AppException(404, "Not found", $"{what} was not found.");

/// <summary>The caller sees the object but its role may not do this. Audited as a denied attempt.</summary>
public sealed class ForbiddenException(string detail)
    : AppException(403, "Forbidden", detail);

public sealed class ConflictException(string detail)
    : AppException(409, "Conflict", detail);

public sealed class UnauthorizedException(string detail)
    : AppException(401, "Unauthorized", detail);

public sealed class TooManyRequestsException(string detail, TimeSpan? retryAfter = null)
    : AppException(429, "Too many requests", detail)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : AppException(400, "Invalid request", "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A single-use link (an invitation, a password reset) that was used or has expired.</summary>
public sealed class GoneException(string detail)
    : AppException(410, "Gone", detail);

/// <summary>An upload past a size limit (a file's, or what its tenant may store in all): nothing of it is kept.</summary>
public sealed class PayloadTooLargeException(string detail)
    : AppException(413, "Too large", detail);

/// <summary>Stored data failed its integrity check (altered, moved, dropped or cut): nothing of it is served. Audited.</summary>
public sealed class IntegrityException(string detail)
    : AppException(500, "Integrity check failed", detail);
