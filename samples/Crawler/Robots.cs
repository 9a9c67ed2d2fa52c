namespace Crawler;

/// <summary>
/// The rules of a robots.txt for one user agent: the longest matching <c>Allow</c>/<c>Disallow</c> prefix wins, an empty
/// <c>Disallow</c> allows everything. The group for the crawler's own agent is used when there is one, else the group for
/// <c>*</c>.
/// </summary>
public sealed class RobotsRules
{
    private readonly List<(string Prefix, bool Allow)> _rules;

    private RobotsRules(List<(string Prefix, bool Allow)> rules)
    {
        _rules = rules;
    }

    /// <summary>No robots.txt (or none readable): everything is allowed.</summary>
    public static RobotsRules AllowAll { get; } = new([]);

    /// <summary>The disallowed prefixes, for the report.</summary>
    public IEnumerable<string> Disallowed => _rules.Where(r => !r.Allow).Select(r => r.Prefix);

    public static RobotsRules Parse(string text, string userAgent)
    {
        var groups = new Dictionary<string, List<(string, bool)>>(StringComparer.OrdinalIgnoreCase);
        var agents = new List<string>();
        var inRules = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var field = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (field.Equals("User-agent", StringComparison.OrdinalIgnoreCase))
            {
                if (inRules)
                {
                    agents.Clear();
                    inRules = false;
                }

                agents.Add(value);
                continue;
            }

            var allow = field.Equals("Allow", StringComparison.OrdinalIgnoreCase);
            if (!allow && !field.Equals("Disallow", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            inRules = true;
            foreach (var agent in agents)
            {
                if (!groups.TryGetValue(agent, out var rules))
                {
                    groups[agent] = rules = [];
                }

                if (value.Length > 0)
                {
                    rules.Add((value, allow));
                }
            }
        }

        return groups.TryGetValue(userAgent, out var own) ? new RobotsRules(own)
            : groups.TryGetValue("*", out var any) ? new RobotsRules(any)
            : AllowAll;
    }

    public bool IsAllowed(Uri url)
    {
        var path = url.PathAndQuery;
        var best = (Length: -1, Allow: true);
        foreach (var (prefix, allow) in _rules)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length > best.Length)
            {
                best = (prefix.Length, allow);
            }
        }

        return best.Allow;
    }
}
