using StockVision.Engines.Security;

namespace StockVision.Tests.Engines;

public class QrCodeTests
{
    // Thonky's QR tutorial, "Error Correction Coding": HELLO WORLD as 1-M data codewords and the 10 ECC codewords it
    // derives (https://www.thonky.com/qr-code-tutorial/error-correction-coding).
    [Fact]
    public void Reed_solomon_matches_the_worked_hello_world_1m_example()
    {
        byte[] data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
        byte[] expected = [196, 35, 39, 119, 235, 215, 231, 226, 93, 23];
        Assert.Equal(expected, ReedSolomon.Remainder(data, ReedSolomon.Generator(10)));
    }

    // Thonky, "Format and Version String Tables": level M, mask 0 → 101010000010010; version 7 → 000111110010010100.
    [Fact]
    public void Format_and_version_bits_match_the_published_tables()
    {
        Assert.Equal(0b101010000010010, QrSymbol.FormatBits(0));
        Assert.Equal(0b101111001111100, QrSymbol.FormatBits(2));
        Assert.Equal(0b000111110010010100, QrSymbol.VersionBits(7));
        Assert.Equal(0b001010010011010011, QrSymbol.VersionBits(10));
    }

    // Byte-mode capacities at level M (ISO/IEC 18004 Table 7): version 1 holds 14 bytes, version 10 holds 213.
    [Fact]
    public void The_smallest_version_that_fits_is_chosen()
    {
        Assert.Equal(1, QrCode.Encode(new string('a', 14)).Version);
        Assert.Equal(2, QrCode.Encode(new string('a', 15)).Version);
        Assert.Equal(10, QrCode.Encode(new string('a', 213)).Version);
        Assert.Throws<ArgumentException>(() => QrCode.Encode(new string('a', 214)));
    }

    [Fact]
    public void Data_codewords_carry_mode_length_bytes_and_padding()
    {
        var codewords = QrCode.DataCodewords("A"u8.ToArray(), 1);
        Assert.Equal(16, codewords.Length);
        // 0100 (byte mode) 00000001 (length 1) 01000001 ('A') 0000 (terminator), then 0xEC 0x11 …
        Assert.Equal(new byte[] { 0x40, 0x14, 0x10, 0xEC, 0x11, 0xEC }, codewords[..6]);
    }

    [Fact]
    public void An_otpauth_uri_encodes_into_a_well_formed_symbol()
    {
        var uri = Totp.OtpAuthUri("StockVision", "a.long.email.address@example.co.in", Totp.NewSecret());
        var qr = QrCode.Encode(uri);
        Assert.Equal(17 + 4 * qr.Version, qr.Size);
        Assert.Equal(9, qr.Version); // 156 bytes: more than version 8-M holds (152), within 9-M (180)
        foreach (var (fx, fy) in new[] { (0, 0), (qr.Size - 7, 0), (0, qr.Size - 7) })
        {
            AssertFinder(qr, fx, fy);
        }
        for (var i = 8; i < qr.Size - 8; i++)
        {
            Assert.Equal(i % 2 == 0, qr[i, 6]);
            Assert.Equal(i % 2 == 0, qr[6, i]);
        }
        Assert.True(qr[8, 4 * qr.Version + 9], "the dark module");
        // The format bits next to the top-left finder name level M and the chosen mask.
        var format = 0;
        for (var i = 0; i <= 5; i++)
        {
            format |= (qr[8, i] ? 1 : 0) << i;
        }
        format |= (qr[8, 7] ? 1 : 0) << 6 | (qr[8, 8] ? 1 : 0) << 7 | (qr[7, 8] ? 1 : 0) << 8;
        for (var i = 9; i < 15; i++)
        {
            format |= (qr[14 - i, 8] ? 1 : 0) << i;
        }
        Assert.Equal(QrSymbol.FormatBits(qr.Mask), format);
    }

    [Fact]
    public void Svg_is_one_path_with_a_title_and_no_inline_style()
    {
        var svg = QrCode.Encode("otpauth://totp/x").ToSvg(4, 4, "Scan <me>");
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title id=\"qr-title\">Scan &lt;me&gt;</title>", svg, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(svg, "<path "));
        Assert.DoesNotContain("style", svg, StringComparison.Ordinal);
        // 16 bytes need version 2 (25 modules), plus a 4-module quiet zone each side.
        Assert.Contains("viewBox=\"0 0 33 33\"", svg, StringComparison.Ordinal);
    }

    private static void AssertFinder(QrCode qr, int left, int top)
    {
        for (var dy = 0; dy < 7; dy++)
        {
            for (var dx = 0; dx < 7; dx++)
            {
                var ring = Math.Max(Math.Abs(dx - 3), Math.Abs(dy - 3));
                Assert.Equal(ring != 2, qr[left + dx, top + dy]);
            }
        }
    }
}
