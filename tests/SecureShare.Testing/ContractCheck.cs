namespace SecureShare.Testing;

/// <summary>
/// Holds every API test's traffic to the published contract: an exchange the document does not describe fails the
/// test that made it, at the call, with what is wrong (see <see cref="ApiContract"/>).
/// </summary>
public sealed class ContractCheck(Func<Task<ApiContract>> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        var exchange = new Exchange(
            request.Method.Method, request.RequestUri!.AbsolutePath, request.Content?.Headers.ContentType?.MediaType, requestBody,
            (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, responseBody);
        var errors = (await contract()).Check(exchange);
        return errors.Count == 0 ? response : throw new ContractViolationException(string.Join(Environment.NewLine, errors));
    }
}

public sealed class ContractViolationException(string message) : Exception($"The API broke its OpenAPI contract:{Environment.NewLine}{message}");
