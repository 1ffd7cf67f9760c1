namespace StockVision.Engines.Security;

/// <summary>Capacity and error-correction tables for level M, versions 1–10 (ISO/IEC 18004:2015 Tables 7 and 9), and Reed–Solomon.</summary>
internal static class QrTables
{
    public const int MaxVersion = 10;

    // Indexed by version (0 unused).
    private static readonly int[] TotalCodewords = [0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346];
    private static readonly int[] EccPerBlock = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
    private static readonly int[] Blocks = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
    private static readonly int[][] AlignmentCentres =
    [
        [], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ];

    public static int DataCodewordCount(int version) => TotalCodewords[version] - EccPerBlock[version] * Blocks[version];

    public static int TotalCodewordCount(int version) => TotalCodewords[version];

    public static int CountBits(int version) => version <= 9 ? 8 : 16;

    public static int ByteCapacity(int version) => (DataCodewordCount(version) * 8 - 4 - CountBits(version)) / 8;

    public static int? SmallestVersion(int bytes) =>
        Enumerable.Range(1, MaxVersion).Cast<int?>().FirstOrDefault(v => ByteCapacity(v!.Value) >= bytes);

    public static int[] Alignment(int version) => AlignmentCentres[version];

    /// <summary>Splits the data into blocks, appends each block's ECC, and interleaves them (§7.6).</summary>
    public static byte[] AddErrorCorrection(int version, byte[] data)
    {
        var blockCount = Blocks[version];
        var eccLength = EccPerBlock[version];
        var shortLength = DataCodewordCount(version) / blockCount;
        var longBlocks = DataCodewordCount(version) % blockCount;
        var divisor = ReedSolomon.Generator(eccLength);
        var dataBlocks = new List<byte[]>();
        var eccBlocks = new List<byte[]>();
        var offset = 0;
        for (var b = 0; b < blockCount; b++)
        {
            // Shorter blocks come first (Table 9 lists them first).
            var length = shortLength + (b >= blockCount - longBlocks ? 1 : 0);
            var block = data[offset..(offset + length)];
            offset += length;
            dataBlocks.Add(block);
            eccBlocks.Add(ReedSolomon.Remainder(block, divisor));
        }
        var result = new List<byte>(TotalCodewords[version]);
        for (var i = 0; i <= shortLength; i++)
        {
            result.AddRange(dataBlocks.Where(block => i < block.Length).Select(block => block[i]));
        }
        for (var i = 0; i < eccLength; i++)
        {
            result.AddRange(eccBlocks.Select(block => block[i]));
        }
        return [.. result];
    }
}

/// <summary>Reed–Solomon over GF(2⁸) with the QR field polynomial x⁸+x⁴+x³+x²+1 (0x11D) and generator roots α⁰…α^(n−1).</summary>
internal static class ReedSolomon
{
    /// <summary>Coefficients of the degree-n generator polynomial, highest power first, leading 1 omitted.</summary>
    public static byte[] Generator(int degree)
    {
        var result = new byte[degree];
        result[degree - 1] = 1;
        byte root = 1;
        for (var i = 0; i < degree; i++)
        {
            for (var j = 0; j < degree; j++)
            {
                result[j] = Multiply(result[j], root);
                if (j + 1 < degree)
                {
                    result[j] ^= result[j + 1];
                }
            }
            root = Multiply(root, 0x02);
        }
        return result;
    }

    /// <summary>The remainder of data·x^n divided by the generator: the error-correction codewords.</summary>
    public static byte[] Remainder(byte[] data, byte[] generator)
    {
        var result = new byte[generator.Length];
        foreach (var b in data)
        {
            var factor = (byte)(b ^ result[0]);
            Array.Copy(result, 1, result, 0, result.Length - 1);
            result[^1] = 0;
            for (var i = 0; i < result.Length; i++)
            {
                result[i] ^= Multiply(generator[i], factor);
            }
        }
        return result;
    }

    public static byte Multiply(byte x, byte y)
    {
        var z = 0;
        for (var i = 7; i >= 0; i--)
        {
            z = (z << 1) ^ ((z >> 7) * 0x11D);
            z ^= ((y >> i) & 1) * x;
        }
        return (byte)z;
    }
}
