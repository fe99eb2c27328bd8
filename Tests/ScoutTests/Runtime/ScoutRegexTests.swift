import Glibc
import Testing
@testable import Scout

/// The linear-time regular expressions behind `matches`: what they accept and match, what
/// they refuse and why, and that no pattern takes exponential time.
@Suite struct ScoutRegexTests {
    static let cases: [(pattern: String, text: String, matches: Bool)] = [
        ("abc", "xxabcxx", true), ("abc", "abx", false), ("", "", true), ("", "x", true),
        ("^abc$", "abc", true), ("^abc$", "abcd", false), ("^b", "ab", false), ("a$", "ab", false),
        ("a.c", "abc", true), ("a.c", "a\nc", false), ("a\\.c", "abc", false), ("a\\.c", "a.c", true),
        ("[a-c]x", "bx", true), ("[a-c]x", "dx", false), ("[^a-c]x", "dx", true), ("^[^a-c]x", "bx", false),
        ("[]a]", "]", true), ("[a-]", "-", true), ("[\\]]", "]", true), ("[\\d_]", "_", true),
        ("\\d+", "v12", true), ("^\\d+$", "12a", false), ("\\D", "123", false), ("\\w", "--", false),
        ("\\W", "a-b", true), ("\\s", "a b", true), ("\\S", " \t", false), ("\\d", "٣", true),
        ("a*", "", true), ("^a+$", "aaa", true), ("^a+$", "", false), ("^ab?c$", "ac", true),
        ("^ab?c$", "abbc", false), ("^a{3}$", "aaa", true), ("^a{3}$", "aa", false), ("^a{2,}$", "aaaa", true),
        ("^a{2,3}$", "aaaa", false), ("^a{2,3}$", "aa", true), ("^a{0}$", "", true), ("x{", "x{", true),
        ("a{,2}", "a{,2}", true), ("^(ab)+$", "ababab", true), ("^(ab)+$", "abba", false), ("^(?:a|bc)+$", "abca", true),
        ("^(?<word>\\w+) \\w+$", "hello world", true), ("cat|dog", "hotdog", true), ("^(cat|dog)$", "cats", false), ("^(|a)$", "", true),
        ("\\bcat\\b", "a cat sat", true), ("\\bcat\\b", "concat", false), ("\\Bcat", "concat", true), ("\\Bcat", "cat", false),
        ("^a*?b$", "aab", true), ("^(a*)*$", "aaaa", true), ("^(a|a)*$", "aaaaab", false), ("\\x41\\u{1F600}", "A😀", true),
        ("\\t\\n", "\t\n", true), ("é", "café", true), ("^.$", "😀", true), ("\\$\\^\\(\\)\\[\\{\\*\\+\\?\\|\\\\\\/", "$^()[{*+?|\\/", true),
        ("^v[0-9]+\\.[0-9]+$", "v1.2", true), ("release/.*", "main", false), ("^[A-Z][a-z]+$", "Scout", true), ("(?:)", "x", true),
    ]

    @Test(arguments: ScoutRegexTests.cases.indices)
    func matchesLikeOtherEngines(_ i: Int) throws {
        let c = ScoutRegexTests.cases[i]
        let regex = try ScoutRegex(c.pattern)
        #expect(try regex.matches(in: c.text) == c.matches, "\(c.pattern) on \(c.text.debugDescription)")
    }

    static let errors: [(pattern: String, message: String)] = [
        ("(", "missing ')' at offset 1"), ("a)", "unmatched ')' at offset 1"), ("[a", "missing ']' at offset 0"),
        ("*a", "'*' has nothing to repeat at offset 0"), ("a**", "a quantifier cannot follow another"), ("a{2}{3}", "a quantifier cannot follow another"),
        ("{2}", "'{' has nothing to repeat"), ("a{3,2}", "bounds out of order"), ("a{1001}", "repetition count larger than 1000"),
        ("[z-a]", "range out of order"), ("(a)\\1", "backreferences are not supported"), ("\\k<x>", "backreferences are not supported"),
        ("a(?=b)", "lookahead and lookbehind are not supported"), ("(?!b)", "lookahead and lookbehind are not supported"),
        ("(?<=a)b", "lookahead and lookbehind are not supported"), ("(?<!a)b", "lookahead and lookbehind are not supported"),
        ("(?i)a", "'(?' options and special groups are not supported"), ("\\q", "unknown escape '\\q'"), ("a\\", "cannot end in a backslash"),
        ("^*", "an anchor cannot be repeated"), ("[[:alpha:]]", "POSIX classes"), ("\\xZZ", "invalid hexadecimal escape"),
        (String(repeating: "(", count: 101) + String(repeating: ")", count: 101), "groups nested deeper than 100"),
        ("(a{1000}){1000}", "pattern too large"), ("((a{100}){100}){100}", "pattern too large"),
    ]

    @Test(arguments: ScoutRegexTests.errors.indices)
    func unsupportedOrInvalidPatternsSayWhy(_ i: Int) {
        let c = ScoutRegexTests.errors[i]
        do {
            _ = try ScoutRegex(c.pattern)
            Issue.record("\(c.pattern) should be refused")
        } catch {
            #expect(error.description.contains(c.message), "\(c.pattern): \(error.description)")
        }
    }

    @Test func nestedQuantifiersTakeLinearTime() throws {
        let started = ContinuousClock.now
        // Exponential for a backtracking engine: 2^30 ways to split the a's.
        #expect(try ScoutRegex("(a+)+$").matches(in: String(repeating: "a", count: 30) + "!") == false)
        #expect(try ScoutRegex("(a+)+!$").matches(in: String(repeating: "a", count: 30) + "!") == true)
        #expect(try ScoutRegex("^(a+)+$").matches(in: String(repeating: "a", count: 30) + "!") == false)
        #expect(try ScoutRegex("^(a|aa)*b$").matches(in: String(repeating: "a", count: 5000)) == false)
        #expect(try ScoutRegex("^(\\w+\\s?)*$").matches(in: String(repeating: "word ", count: 2000) + "!") == false)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func aLongMatchStopsWhenAskedTo() throws {
        let text = String(repeating: "a", count: 2_000_000)
        var asked = 0
        #expect(throws: CancellationError.self) {
            try ScoutRegex("(a|b)*c").matches(in: text, shouldStop: {
                asked += 1
                return asked > 2
            })
        }
    }
}
