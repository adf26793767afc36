using System.Diagnostics;
using SecureShare.Testing;

namespace SecureShare.Tests;

/// <summary>
/// deploy/ without a cluster or a container engine (neither runs here): yamllint, every Kubernetes object validated
/// against the API's schema and checked for what a schema cannot see (deploy/check-manifests.mjs), and the Dockerfile's
/// promises. PublishedAppTests builds the app with the Dockerfile's own publish command and runs it as the image does.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static string Deploy => Path.Combine(HostProcess.RepositoryRoot, "deploy");

    [Fact]
    public async Task Every_yaml_file_in_deploy_passes_yamllint()
    {
        var (exit, output) = await RunAsync("yamllint", "-c", Path.Combine(Deploy, ".yamllint"), "--strict", Deploy);
        exit.ShouldBe(0, output);
    }

    [Fact]
    public async Task The_compose_balancers_haproxy_configuration_is_valid()
    {
        var haproxy = File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy";
        var (exit, output) = await RunAsync(haproxy, "-c", "-f", Path.Combine(Deploy, "compose", "haproxy.cfg"));
        exit.ShouldBe(0, output);
        output.ShouldContain("Configuration file is valid");
    }

    [Fact]
    public async Task Every_kubernetes_object_is_valid_for_its_api_and_the_manifests_and_compose_files_agree_with_each_other_and_the_readme()
    {
        var (exit, output) = await CheckAsync(Deploy);
        exit.ShouldBe(0, output);
        output.ShouldContain("Kubernetes objects valid and consistent");
    }

    [Fact]
    public async Task The_manifest_check_finds_a_schema_error_a_probe_on_a_path_the_app_does_not_serve_and_an_undocumented_setting()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"secureshare-deploy-{Guid.NewGuid():N}");
        try
        {
            CopyDirectory(Deploy, Path.Combine(copy, "deploy"));
            File.Copy(Path.Combine(HostProcess.RepositoryRoot, "README.md"), Path.Combine(copy, "README.md"));
            var deployment = Path.Combine(copy, "deploy", "k8s", "base", "deployment.yaml");
            File.WriteAllText(deployment, File.ReadAllText(deployment)
                .Replace("terminationGracePeriodSeconds: 35", "terminationGracePeriodSeconds: thirty-five", StringComparison.Ordinal)
                .Replace("path: /health/ready", "path: /ready", StringComparison.Ordinal));
            var settings = Path.Combine(copy, "deploy", "k8s", "base", "settings.yaml");
            File.WriteAllText(settings, File.ReadAllText(settings).Replace("Host__DrainDelay", "Host__DrainDelya", StringComparison.Ordinal));

            var (exit, output) = await CheckAsync(Path.Combine(copy, "deploy"));
            exit.ShouldBe(1, output);
            output.ShouldContain("terminationGracePeriodSeconds must be integer");
            output.ShouldContain("probe on /ready");
            output.ShouldContain("Host:DrainDelya is not in README's configuration table");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void The_image_runs_the_app_as_a_non_root_user_with_a_readiness_health_check_and_the_data_directory_it_may_write()
    {
        var lines = Dockerfile.Lines;
        var final = lines.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", StringComparison.Ordinal)).ToList();
        final.ShouldNotBeEmpty("the image runs on the ASP.NET runtime image, not the SDK");
        final.ShouldContain("USER $APP_UID");
        final.ShouldContain(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        string.Join('\n', final).ShouldContain("GET /health/ready");
        final.ShouldContain(l => l.Contains("DataDirectory=/data", StringComparison.Ordinal));
        final.ShouldContain("""ENTRYPOINT ["dotnet", "/app/SecureShare.Host.dll"]""");
        Dockerfile.PublishArguments("/out").ShouldContain("-c");
    }

    private static Task<(int Exit, string Output)> CheckAsync(string deploy)
    {
        var tools = Environment.GetEnvironmentVariable("SECURESHARE_TOOLS");
        tools.ShouldNotBeNullOrEmpty("run the tests with scripts/test.sh, which installs kubernetes-models and yaml from npm");
        return RunAsync("node", Path.Combine(deploy, "check-manifests.mjs"), tools);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
