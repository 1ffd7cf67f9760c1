namespace StockVision.Engines.Text;

public sealed record Candidate(string Symbol, string Name);

/// <summary>"Did you mean": ranks instruments by how close a mistyped symbol or name is.</summary>
public static class Similarity
{
    /// <summary>
    /// Close matches for <paramref name="query"/>: symbols or names that contain it, or whose symbol or a word of whose
    /// name is within a small edit distance (Damerau–Levenshtein, so a swapped pair of letters costs one edit).
    /// </summary>
    public static IReadOnlyList<Candidate> Suggest(string query, IEnumerable<Candidate> candidates, int limit = 5)
    {
        var q = query.Trim().ToUpperInvariant();
        if (q.Length == 0)
        {
            return [];
        }
        var allowed = Math.Max(1, q.Length / 3);
        return candidates
            .Select(c => (Candidate: c, Score: Score(q, c)))
            .Where(x => x.Score <= allowed)
            .OrderBy(x => x.Score)
            .ThenBy(x => x.Candidate.Symbol, StringComparer.Ordinal)
            .Take(limit)
            .Select(x => x.Candidate)
            .ToList();
    }

    private static int Score(string q, Candidate c)
    {
        var symbol = c.Symbol.ToUpperInvariant();
        var name = c.Name.ToUpperInvariant();
        if (symbol.Contains(q, StringComparison.Ordinal) || (q.Length >= 3 && name.Contains(q, StringComparison.Ordinal)))
        {
            return 0;
        }
        var best = Distance(q, symbol);
        foreach (var word in name.Split([' ', '(', ')', '.', ',', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            best = Math.Min(best, Distance(q, word));
        }
        return best;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
