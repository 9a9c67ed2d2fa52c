using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace KayGraph.Generators.Tests.Infrastructure;

/// <summary>An HTTP handler that answers every GET with "page of &lt;path&gt;" and records the requested URLs.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    public List<string> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request.RequestUri!.ToString());
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("page of " + request.RequestUri!.AbsolutePath) });
    }
}
