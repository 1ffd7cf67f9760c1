using StockVision.Infrastructure;

namespace StockVision.Tests.Infrastructure;

public class CsvTests
{
    [Fact]
    public void Reads_quoted_fields_with_commas_quotes_and_newlines()
    {
        // Shaped like NSE's market-watch download: BOM, quoted headers with embedded newlines, Indian digit grouping.
        var text = "\uFEFF\"SYMBOL \n\",\"VOLUME \n(shares)\"\r\n\"RELIANCE\",\"27,94,84,697\"\r\n\"M&M\",\"say \"\"hi\"\"\"\n";
        var rows = Csv.Read(new StringReader(text)).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal(["SYMBOL \n", "VOLUME \n(shares)"], rows[0]);
        Assert.Equal(["RELIANCE", "27,94,84,697"], rows[1]);
        Assert.Equal(["M&M", "say \"hi\""], rows[2]);
    }

    [Fact]
    public void Keeps_empty_fields_and_a_last_line_without_newline()
    {
        var rows = Csv.Read(new StringReader("a,,c\n,,")).ToList();
        Assert.Equal(["a", "", "c"], rows[0]);
        Assert.Equal(["", "", ""], rows[1]);
    }
}
