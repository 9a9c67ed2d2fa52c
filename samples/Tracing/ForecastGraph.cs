using System.Globalization;
using System.Net.Http.Json;
using KayGraph;

namespace TracingSample;

/// <summary>Where a city is.</summary>
public sealed record Place(string City, double Latitude, double Longitude);

/// <summary>One provider's forecast.</summary>
public sealed record ProviderForecast(string Provider, double TemperatureC);

/// <summary>What the forecast endpoint answers.</summary>
public sealed record Forecast(string City, double TemperatureC, IReadOnlyList<ProviderForecast> Providers);

/// <summary>The shared store of one request.</summary>
public sealed class ForecastRequest
{
    public required string City { get; init; }

    public Place? Place { get; set; }

    public IReadOnlyList<ProviderForecast> Providers { get; set; } = [];

    public Forecast? Result { get; set; }
}

/// <summary>Asks the upstream geocoding endpoint where the city is (one outgoing HTTP call).</summary>
[Node(MaxRetries = 2, WaitMilliseconds = 50)]
[Next<FetchForecasts>]
public partial class Geocode(HttpClient upstream)
{
    private string Prep(ForecastRequest request) => request.City;

    private async Task<Place> ExecAsync(string city, CancellationToken cancellationToken) =>
        await upstream.GetFromJsonAsync<Place>($"geo/{Uri.EscapeDataString(city)}", cancellationToken)
        ?? throw new InvalidOperationException($"No place for '{city}'.");

    private void Post(ForecastRequest request, string city, Place place) => request.Place = place;
}

/// <summary>Asks three forecast providers at once (a parallel batch: one outgoing HTTP call per provider).</summary>
[ParallelBatchNode(MaxConcurrency = 3)]
[Next<Combine>]
public partial class FetchForecasts(HttpClient upstream)
{
    public static readonly string[] Providers = ["met", "noaa", "open"];

    private IEnumerable<(string Provider, Place Place)> Prep(ForecastRequest request) =>
        Providers.Select(p => (p, request.Place!));

    private async Task<ProviderForecast> ExecAsync((string Provider, Place Place) item, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"weather/{item.Provider}?lat={item.Place.Latitude}&lon={item.Place.Longitude}");
        return await upstream.GetFromJsonAsync<ProviderForecast>(query, cancellationToken)
            ?? throw new InvalidOperationException($"No forecast from '{item.Provider}'.");
    }

    private void Post(ForecastRequest request, IReadOnlyList<(string Provider, Place Place)> items, IReadOnlyList<ProviderForecast> forecasts) =>
        request.Providers = forecasts;
}

/// <summary>Averages the providers (CPU only: a sync node, no outgoing call).</summary>
[Node]
public partial class Combine
{
    private ForecastRequest Prep(ForecastRequest request) => request;

    private Forecast Exec(ForecastRequest request) =>
        new(request.City, Math.Round(request.Providers.Average(p => p.TemperatureC), 1), request.Providers);

    private void Post(ForecastRequest request, ForecastRequest same, Forecast forecast) => request.Result = forecast;
}

/// <summary>Geocode → three forecasts at once → combine.</summary>
[Graph(typeof(Geocode))]
public partial class ForecastGraph;
