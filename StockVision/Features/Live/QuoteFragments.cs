using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using StockVision.Engines.Market.Live;
using StockVision.Infrastructure;

namespace StockVision.Features.Live;

/// <summary>
/// The small pieces of HTML that show a live quote: the price, the change badge, the day's range, the volume and the
/// "as of" line. Pages render them at request time and the SSE stream sends the same markup with
/// <c>hx-swap-oob</c>, so htmx replaces each piece in place by id. Ids are <c>q-{SYMBOL}-{part}</c>.
/// Up and down are carried by an arrow and a sign as well as by colour.
/// </summary>
public static class QuoteFragments
{
    public const string Last = "last";
    public const string ChangePart = "change";
    public const string Range = "range";
    public const string VolumePart = "volume";
    public const string AsOf = "asof";

    public static string Id(string symbol, string part) => $"q-{symbol}-{part}";

    public static string LastPrice(Quote q, bool oob = false) =>
        Span(q.Symbol, Last, "q-last", IndianFormat.Rupees(q.Last), oob);

    public static string ChangeBadge(Quote q, bool oob = false)
    {
        var direction = q.Change > 0 ? "up" : q.Change < 0 ? "down" : "flat";
        var arrow = q.Change > 0 ? "▲" : q.Change < 0 ? "▼" : "▬";
        var words = q.Change > 0 ? "up" : q.Change < 0 ? "down" : "unchanged";
        var percent = q.ChangePercent is { } p ? " (" + IndianFormat.Percent(p) + ")" : "";
        var inner = $"<span aria-hidden=\"true\">{arrow}</span> <span class=\"visually-hidden\">{words} </span>{E(IndianFormat.Change(q.Change))}{E(percent)}";
        // Swapped whole: its class carries the direction.
        return oob
            ? $"<span id=\"{E(Id(q.Symbol, ChangePart))}\" class=\"q-change {direction}\" hx-swap-oob=\"true\">{inner}</span>"
            : SpanRaw(q.Symbol, ChangePart, "q-change " + direction, inner, oob: false);
    }

    public static string DayRange(Quote q, bool oob = false) =>
        Span(q.Symbol, Range, "q-range", IndianFormat.Rupees(q.Low) + " – " + IndianFormat.Rupees(q.High), oob);

    public static string Volume(Quote q, bool oob = false) =>
        Span(q.Symbol, VolumePart, "q-volume", IndianFormat.Number(q.Volume), oob);

    /// <summary>"as of 15:29:58 IST · simulated", "as of 11:02:10 IST · Finnhub, delayed 15 min", "as of 10:15:00 IST · replay of 12 Mar 2024".</summary>
    public static string AsOfLine(Quote q, bool oob = false)
    {
        var ist = Ist.ToIst(q.SourceTime);
        var time = ist.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var iso = q.SourceTime.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var inner = $"as of <time datetime=\"{E(iso)}\">{E(time)} IST</time> · {E(Provenance(q))}";
        return SpanRaw(q.Symbol, AsOf, "q-asof", inner, oob);
    }

    public static string Provenance(Quote q)
    {
        var name = QuoteSources.DisplayName(q.Source);
        if (q.ReplayOf is { } day)
        {
            return $"{name} of {IndianFormat.Date(day)}";
        }
        return q.Delay > TimeSpan.Zero ? $"{name}, delayed {(int)Math.Round(q.Delay.TotalMinutes)} min" : name;
    }

    /// <summary>The SSE message for one quote: every part, each swapped out of band into whatever the page shows.</summary>
    public static string Message(Quote q) =>
        new StringBuilder(640)
            .Append(LastPrice(q, oob: true))
            .Append(ChangeBadge(q, oob: true))
            .Append(DayRange(q, oob: true))
            .Append(Volume(q, oob: true))
            .Append(AsOfLine(q, oob: true))
            .ToString();

    private static string Span(string symbol, string part, string cssClass, string text, bool oob) =>
        SpanRaw(symbol, part, cssClass, E(text), oob);

    /// <remarks>
    /// On the page a part carries its class and symbol; in the stream it carries only its id and new content
    /// (swapped with innerHTML), because every byte goes to every subscriber on every tick.
    /// </remarks>
    private static string SpanRaw(string symbol, string part, string cssClass, string innerHtml, bool oob) => oob
        ? $"<span id=\"{E(Id(symbol, part))}\" hx-swap-oob=\"innerHTML\">{innerHtml}</span>"
        : $"<span id=\"{E(Id(symbol, part))}\" class=\"{cssClass}\" data-symbol=\"{E(symbol)}\">{innerHtml}</span>";

    // ₹, – and the arrows stay as characters: fragments go out many times a second.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);
}
