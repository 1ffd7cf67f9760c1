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

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\ronly", "\"cr\ronly\"")]
    [InlineData(" spaces kept ", " spaces kept ")]
    [InlineData("₹ crore", "₹ crore")]
    public void Field_quotes_only_when_a_comma_quote_CR_or_LF_needs_it(string value, string expected) =>
        Assert.Equal(expected, Csv.Field(value));

    [Fact]
    public void Write_ends_every_record_with_CRLF_and_writes_null_as_empty()
    {
        var text = Csv.ToText([["a", null, "c"], ["1", "2", "3"]]);
        Assert.Equal("a,,c\r\n1,2,3\r\n", text);
    }

    [Fact]
    public void What_Write_writes_Read_reads_back_field_for_field()
    {
        string?[][] rows =
        [
            ["Line item (₹ crore)", "FY24", "Note"],
            ["Revenue, from operations", "128933", "say \"hi\""],
            ["multi\r\nline", "-0.5", ""],
            ["", "", "trailing,comma,"],
            ["\"", "\"\"", "\n"],
        ];
        var text = Csv.ToText(rows);

        var back = Csv.Read(new StringReader(text)).ToList();

        Assert.Equal(rows.Length, back.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i].Select(f => f ?? ""), back[i]);
        }
    }

    [Fact]
    public void Round_trip_holds_for_generated_fields()
    {
        var random = new Random(4180);
        const string alphabet = "ab ,\"\r\n₹9-.";
        for (var n = 0; n < 500; n++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => (IReadOnlyList<string?>)Enumerable.Range(0, random.Next(1, 6))
                    .Select(_ => new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                    .ToArray())
                .ToList();

            var back = Csv.Read(new StringReader(Csv.ToText(rows))).ToList();

            Assert.Equal(rows.Select(r => r.Select(f => f!)), back);
        }
    }
}
