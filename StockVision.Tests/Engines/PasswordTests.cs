using StockVision.Engines.Security;

namespace StockVision.Tests.Engines;

public class PasswordTests
{
    private static readonly CommonPasswords Common =
        CommonPasswords.Load(Path.Combine(AppContext.BaseDirectory, "Data", "passwords", "10k-most-common.txt"));

    // PBKDF2-HMAC-SHA512 vectors for P="password", S="salt", dkLen=64, as published alongside RFC 6070's SHA-1 set
    // (Anti-weakpasswords/PBKDF2-Test-Vectors; also quoted at stackoverflow.com/questions/15593184).
    [Theory]
    [InlineData(1, "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce")]
    [InlineData(2, "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e")]
    public void Pbkdf2_sha512_matches_published_vectors(int iterations, string expectedHex)
    {
        var derived = PasswordHasher.Derive("password", "salt"u8.ToArray(), iterations, 64);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(derived));
    }

    [Fact]
    public void A_hash_records_its_scheme_and_work_factor_and_verifies()
    {
        var hash = PasswordHasher.Hash("correct horse battery staple");
        Assert.StartsWith("pbkdf2-sha512$v1$i=210000$", hash, StringComparison.Ordinal);
        Assert.Equal(PasswordVerification.Success, PasswordHasher.Verify(hash, "correct horse battery staple"));
        Assert.Equal(PasswordVerification.Failed, PasswordHasher.Verify(hash, "correct horse battery stapl"));
        Assert.NotEqual(hash, PasswordHasher.Hash("correct horse battery staple"));
    }

    [Fact]
    public void An_older_work_factor_verifies_but_asks_for_a_rehash()
    {
        var old = PasswordHasher.Hash("correct horse battery staple", 1000);
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, PasswordHasher.Verify(old, "correct horse battery staple"));
        Assert.Equal(PasswordVerification.Failed, PasswordHasher.Verify(old, "wrong"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha512$v1$i=x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha512$v9$i=1000$AAAA$AAAA")]
    [InlineData("pbkdf2-sha512$v1$i=1000$not base64$AAAA")]
    public void Malformed_hashes_fail_without_throwing(string stored)
    {
        Assert.Equal(PasswordVerification.Failed, PasswordHasher.Verify(stored, "anything"));
    }

    [Fact]
    public void The_common_list_is_the_full_ten_thousand()
    {
        Assert.Equal(10_000, Common.Count);
        Assert.True(Common.Contains("PASSWORD"));
    }

    [Fact]
    public void Short_passwords_are_refused_with_their_length()
    {
        var check = PasswordPolicy.Check("abcdefghijk", null, Common);
        Assert.Contains("Use at least 12 characters (this has 11).", check.Errors);
        Assert.Equal("Too short", check.StrengthLabel);
    }

    [Fact]
    public void Common_passwords_are_refused_even_when_long_enough()
    {
        // "unbelievable" (12 letters) is on the SecLists list.
        var check = PasswordPolicy.Check("Unbelievable", null, Common);
        Assert.Contains(check.Errors, e => e.Contains("10,000 most common", StringComparison.Ordinal));
        Assert.Equal(0, check.Strength);
    }

    [Fact]
    public void No_composition_rules_apply()
    {
        var check = PasswordPolicy.Check("correct horse battery staple", "asha@example.com", Common);
        Assert.Empty(check.Errors);
        Assert.Equal("Strong", check.StrengthLabel);
    }

    [Fact]
    public void The_email_local_part_may_not_appear_in_the_password()
    {
        Assert.Contains(PasswordPolicy.Check("my-Ashaverma-is-long", "ashaverma@example.com", Common).Errors,
            e => e.Contains("email", StringComparison.Ordinal));
        Assert.Empty(PasswordPolicy.Check("ab-is-a-long-passphrase", "ab@example.com", Common).Errors);
    }

    [Fact]
    public void Length_counts_code_points_and_stops_at_128()
    {
        Assert.DoesNotContain(PasswordPolicy.Check("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", null, Common).Errors, e => e.StartsWith("Use at least", StringComparison.Ordinal));
        Assert.Contains("Use at least 12 characters (this has 11).", PasswordPolicy.Check("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", null, Common).Errors);
        Assert.Contains("Use at most 128 characters (this has 129).", PasswordPolicy.Check(new string('x', 129), null, Common).Errors);
    }

    [Theory]
    [InlineData("abcdefghijkl", 2, "Fair")]
    [InlineData("abcdefghijklmno", 3, "Good")]
    [InlineData("abcdefghijklmnopqrst", 4, "Strong")]
    [InlineData("aaaaaaaaaaaaaaaaaaaa", 2, "Fair")]
    public void Strength_grows_with_length_and_falls_with_repetition(string password, int score, string label)
    {
        var check = PasswordPolicy.Check(password, null, Common);
        Assert.Equal(score, check.Strength);
        Assert.Equal(label, check.StrengthLabel);
    }
}
