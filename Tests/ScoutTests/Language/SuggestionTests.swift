import Testing
@testable import Scout

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("paralel", "parallel"), ("paralell", "parallel"), ("sequental", "sequential"), ("comand", "command"),
        ("tsak", "task"), ("stor", "store"), ("retyr", "retry"), ("skipif", "skip_if"), ("Parallel", "parallel"),
        ("lenn", "len"), ("prnt", "print"), ("uper", "upper"),
    ])
    func typosFindTheirWord(_ typo: String, _ word: String) {
        let candidates = ["parallel", "sequential", "command", "task", "store", "retry", "skip_if", "stop_if",
                          "len", "print", "upper", "lower", "run", "if", "for"]
        #expect(Suggestion.closest(to: typo, in: candidates) == word)
    }

    @Test func farNamesGetNoSuggestion() {
        #expect(Suggestion.closest(to: "deploy", in: ["parallel", "task", "for"]) == nil)
        #expect(Suggestion.closest(to: "banana", in: ["run", "print"]) == nil)
        #expect(Suggestion.closest(to: "x", in: []) == nil)
    }

    @Test func aNameIsNotItsOwnSuggestion() {
        #expect(Suggestion.closest(to: "run", in: ["run"]) == nil)
    }

    @Test func shortNamesAreNotReplacedWholesale() {
        // Changing every character of a name is no typo: `y` does not suggest `x`.
        #expect(Suggestion.closest(to: "y", in: ["x", "z"]) == nil)
        #expect(Suggestion.closest(to: "ab", in: ["cd"]) == nil)
        // But a swap or a missing letter in a short name is.
        #expect(Suggestion.closest(to: "ba", in: ["ab"]) == "ab")
        #expect(Suggestion.closest(to: "fi", in: ["if"]) == "if")
        #expect(Suggestion.closest(to: "fo", in: ["for"]) == "for")
    }

    @Test func tiesGoToTheAlphabeticallyFirst() {
        #expect(Suggestion.closest(to: "cat", in: ["hat", "bat"]) == "bat")
        #expect(Suggestion.closest(to: "cat", in: ["bat", "hat"]) == "bat")
    }

    @Test(arguments: [
        ("", "", 0), ("a", "", 1), ("", "abc", 3), ("kitten", "sitting", 3), ("abc", "acb", 1),
        ("abcd", "badc", 2), ("Run", "run", 0), ("flaw", "lawn", 2), ("日本", "日本語", 1),
    ])
    func damerauLevenshteinDistance(_ a: String, _ b: String, _ d: Int) {
        #expect(Suggestion.distance(a, b) == d)
        #expect(Suggestion.distance(b, a) == d)
    }

    @Test func hugeNamesReturnPromptly() {
        // A 1 MB name against a 1 MB candidate must not compute a 10^12-cell table.
        let huge = String(repeating: "a", count: 1_000_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(Suggestion.closest(to: huge + "b", in: [huge, "run", "print"]) == nil)
        }
        #expect(elapsed < .seconds(60), "milliseconds of work; the table would take hours")
    }
}
