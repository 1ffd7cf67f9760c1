using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using StockVision.Features.Stocks;
using StockVision.Infrastructure;

namespace StockVision.Features.Financials;

/// <summary>GET /stocks/{symbol}/financials.csv?table=…&amp;statement=…: one table of the financials page as an RFC 4180 file.</summary>
public static class FinancialsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    private static readonly string Tables = string.Join(", ", Enum.GetValues<TableKind>().Select(k => k.Code()));

    public static string Url(string symbol, TableKind table, Statement statement) =>
        $"/stocks/{Uri.EscapeDataString(symbol)}/financials.csv?table={table.Code()}&statement={statement.Code()}";

    public static IEndpointRouteBuilder MapFinancials(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stocks/{symbol}/financials.csv", DownloadAsync).AllowAnonymous();
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(string symbol, string? table, string? statement,
        StockQueries stocks, FinancialQueries financials, CancellationToken ct)
    {
        if (!FinancialTables.TryParseTable(table, out var kind))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown table",
                table is null ? $"Say which table to download: table= one of {Tables}." : $"There is no table “{table}”. Use table= one of {Tables}.");
        }
        var chosen = Statement.Consolidated;
        if (statement is not null && !FinancialTables.TryParseStatement(statement, out chosen))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown statement", $"There is no statement “{statement}”. Use statement=consolidated or statement=standalone.");
        }
        if (await stocks.InstrumentAsync(symbol, ct) is not { } instrument)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown symbol", $"StockVision has no stock called “{symbol}”.");
        }
        var filed = await financials.StatementsAsync(instrument.Symbol, ct);
        if (statement is null && filed.Count > 0)
        {
            chosen = filed[0];
        }
        if (!filed.Contains(chosen))
        {
            return Problem(StatusCodes.Status404NotFound, "Statement not filed",
                $"{instrument.Symbol} has no {chosen.Code()} results in StockVision's filings.");
        }
        var data = await financials.FinancialsAsync(instrument.Symbol, chosen, ct);
        // A byte-order mark lets Excel read the file as UTF-8 (₹ intact); RFC 4180 readers, including Csv.Read, skip it.
        var text = "\uFEFF" + Csv.ToText(FinancialTables.CsvRows(FinancialTables.Build(kind, data)));
        return TypedResults.File(Encoding.UTF8.GetBytes(text), ContentType, $"{instrument.Symbol}-{kind.Code()}-{chosen.Code()}.csv");
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}

public static class FinancialsModule
{
    public static WebApplicationBuilder AddFinancials(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FinancialQueries>();
        return builder;
    }
}
