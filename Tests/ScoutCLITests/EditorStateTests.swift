@testable import ScoutCLI
import Testing

/// The line editor's state machine, key by key: the input and the cursor after each.
@Suite(.serialized) struct EditorStateTests {
    /// A state that has handled `keys`: strings are typed character by character.
    static func state(_ keys: [Any], history: [String] = [], status: @escaping (String) -> InputStatus = { _ in .complete },
                      complete: @escaping (String, Int) -> Completion? = { _, _ in nil }) -> (EditorState, [EditorAction]) {
        var s = EditorState(history: history, inputStatus: status, complete: complete)
        var actions: [EditorAction] = []
        for k in keys {
            if let text = k as? String {
                for c in text { actions.append(s.handle(.text(String(c)))) }
            } else if let key = k as? Key {
                actions.append(s.handle(key))
            }
        }
        return (s, actions)
    }

    /// The input with `|` where the cursor is.
    static func shown(_ s: EditorState) -> String {
        var chars = s.buffer
        chars.insert("|", at: s.cursor)
        return String(chars)
    }

    @Test func typingMovingAndInserting() {
        let (s, _) = EditorStateTests.state(["print \"ac\"", Key.left, Key.left, "b"])
        #expect(EditorStateTests.shown(s) == "print \"ab|c\"")
        let (home, _) = EditorStateTests.state(["x = 1", Key.home, "let ", Key.end, "0"])
        #expect(EditorStateTests.shown(home) == "let x = 10|")
        let (ctrl, _) = EditorStateTests.state(["bc", Key.control("a"), "a", Key.control("e"), "d", Key.control("b"), Key.control("b"), Key.control("f")])
        #expect(EditorStateTests.shown(ctrl) == "abc|d")
    }

    @Test func deletingCharacters() {
        let (s, actions) = EditorStateTests.state([Key.backspace, "abcd", Key.backspace, Key.home, Key.delete, Key.control("d")])
        #expect(actions.first == .bell)
        #expect(EditorStateTests.shown(s) == "|c")
        let (end, endActions) = EditorStateTests.state(["ab", Key.delete])
        #expect(EditorStateTests.shown(end) == "ab|")
        #expect(endActions.last == .bell)
    }

    @Test func controlDQuitsOnlyOnAnEmptyInput() {
        #expect(EditorStateTests.state([Key.control("d")]).1 == [.endOfInput])
        #expect(EditorStateTests.state(["a", Key.control("d")]).1.last == .bell)
    }

    @Test func wordMovement() {
        var (s, _) = EditorStateTests.state(["run \"make test\" store as build", Key.wordLeft])
        #expect(EditorStateTests.shown(s) == "run \"make test\" store as |build")
        _ = s.handle(.wordLeft)
        _ = s.handle(.wordLeft)
        _ = s.handle(.wordLeft)
        #expect(EditorStateTests.shown(s) == "run \"make |test\" store as build")
        _ = s.handle(.wordRight)
        #expect(EditorStateTests.shown(s) == "run \"make test|\" store as build")
        _ = s.handle(.wordRight)
        #expect(EditorStateTests.shown(s) == "run \"make test\" store| as build")
    }

    @Test func killsAndYank() {
        var (s, _) = EditorStateTests.state(["let answer = 42", Key.wordLeft, Key.control("k")])
        #expect(EditorStateTests.shown(s) == "let answer = |")
        #expect(s.killBuffer == "42")
        _ = s.handle(.control("w"))
        _ = s.handle(.control("w"))
        #expect(EditorStateTests.shown(s) == "let |")
        #expect(s.killBuffer == "answer = 42", "consecutive kills gather in one piece")
        _ = s.handle(.control("y"))
        #expect(EditorStateTests.shown(s) == "let answer = 42|")
        _ = s.handle(.left)
        _ = s.handle(.control("u"))
        #expect(EditorStateTests.shown(s) == "|2")
        let (words, _) = EditorStateTests.state(["build.exit_code", Key.deleteWordBackward, Key.home, Key.deleteWordForward])
        #expect(EditorStateTests.shown(words) == "|.")
    }

    @Test func transpose() {
        let (end, _) = EditorStateTests.state(["ab", Key.control("t")])
        #expect(EditorStateTests.shown(end) == "ba|")
        let (middle, _) = EditorStateTests.state(["abc", Key.left, Key.control("t")])
        #expect(EditorStateTests.shown(middle) == "acb|")
    }

    @Test func wideAndCombiningCharactersAreOneCharacterEach() {
        let (s, _) = EditorStateTests.state(["日本", Key.left, "e", "\u{301}", "🎉"])
        #expect(s.buffer == ["日", "é", "🎉", "本"])
        #expect(s.cursor == 3)
        let (back, _) = EditorStateTests.state(["a🎉b", Key.left, Key.backspace])
        #expect(EditorStateTests.shown(back) == "a|b")
    }

    @Test func historyUpAndDownKeepTheDraft() {
        let history = ["let a = 1", "print a"]
        var (s, actions) = EditorStateTests.state(["dra", Key.up], history: history)
        #expect(EditorStateTests.shown(s) == "print a|")
        _ = s.handle(.up)
        #expect(EditorStateTests.shown(s) == "let a = 1|")
        #expect(s.handle(.up) == .bell)
        _ = s.handle(.down)
        _ = s.handle(.down)
        #expect(EditorStateTests.shown(s) == "dra|")
        #expect(s.handle(.down) == .bell)
        #expect(actions == [.redraw, .redraw, .redraw, .redraw])
        #expect(EditorStateTests.state([Key.up]).1 == [.bell])
    }

    @Test func multiLineHistoryEntriesComeBackWholeAndUpMovesThroughLines() {
        let history = ["task b {\n  run \"make\"\n}", "print 1"]
        var (s, _) = EditorStateTests.state([Key.up, Key.up], history: history)
        #expect(EditorStateTests.shown(s) == "task b {|\n  run \"make\"\n}")
        _ = s.handle(.down)
        #expect(EditorStateTests.shown(s) == "task b {\n  run \"m|ake\"\n}")
        _ = s.handle(.end)
        _ = s.handle(.down)
        #expect(EditorStateTests.shown(s) == "task b {\n  run \"make\"\n}|")
        _ = s.handle(.up)
        _ = s.handle(.home)
        #expect(EditorStateTests.shown(s) == "task b {\n|  run \"make\"\n}")
        _ = s.handle(.down)
        _ = s.handle(.down)
        #expect(EditorStateTests.shown(s) == "print 1|")
    }

    @Test func enterSubmitsACompleteInputAndContinuesAnIncompleteOne() {
        let status: (String) -> InputStatus = { InputCompleteness.status(of: $0) }
        var (s, actions) = EditorStateTests.state(["task b {", Key.enter], status: status)
        #expect(actions.last == .redraw)
        #expect(EditorStateTests.shown(s) == "task b {\n  |")
        for c in "run \"make\"" { _ = s.handle(.text(String(c))) }
        _ = s.handle(.enter)
        _ = s.handle(.text("}"))
        #expect(EditorStateTests.shown(s) == "task b {\n  run \"make\"\n}|", "a closing brace takes back the indentation")
        #expect(s.handle(.enter) == .submit("task b {\n  run \"make\"\n}"))
        let (ok, okActions) = EditorStateTests.state(["print 1", Key.home, Key.enter], status: status)
        #expect(okActions.last == .submit("print 1"))
        #expect(ok.cursor == 7)
    }

    @Test func altEnterAndPasteKeepLineBreaks() {
        let (s, _) = EditorStateTests.state(["a", Key.insertNewline, "b", Key.paste("c\r\nd\re\u{7}")])
        #expect(s.text == "a\nbc\nd\ne")
    }

    @Test func reverseSearch() {
        let history = ["run \"make test\"", "let x = 1", "run \"make lint\"", "print x"]
        var (s, actions) = EditorStateTests.state(["draft", Key.control("r"), "make"], history: history)
        #expect(s.search?.prompt == "(reverse-i-search)'make': ")
        #expect(EditorStateTests.shown(s) == "run \"|make lint\"")
        _ = s.handle(.control("r"))
        #expect(EditorStateTests.shown(s) == "run \"|make test\"")
        #expect(s.handle(.control("r")) == .bell)
        #expect(s.search?.failed == true)
        #expect(s.search?.prompt == "(failing reverse-i-search)'make': ")
        _ = s.handle(.control("g"))
        #expect(s.search == nil)
        #expect(EditorStateTests.shown(s) == "draft|")
        #expect(!actions.contains(.bell))

        var (accept, _) = EditorStateTests.state([Key.control("r"), "x ="], history: history)
        #expect(accept.handle(.enter) == .submit("let x = 1"))
        var (edit, _) = EditorStateTests.state([Key.control("r"), "lint", Key.end, "!"], history: history)
        #expect(edit.search == nil)
        #expect(EditorStateTests.shown(edit) == "run \"make lint\"!|")
        _ = edit.handle(.up)
        #expect(edit.text == "let x = 1", "browsing goes on from the entry found")
        var (again, _) = EditorStateTests.state([Key.control("r"), "lint", Key.escape, Key.control("r"), Key.control("r")], history: history)
        #expect(again.search?.query == "lint", "Ctrl-R on an empty search takes the last query")
        _ = again.handle(.control("c"))
        #expect(again.search == nil)
    }

    @Test func tabCompletes() {
        let complete: (String, Int) -> Completion? = { text, cursor in
            let names = ["print", "parallel", "output", "ok"]
            let chars = Array(text)
            var start = cursor
            while start > 0, chars[start - 1].isLetter { start -= 1 }
            let word = String(chars[start..<cursor])
            let found = names.filter { $0.hasPrefix(word) }.sorted()
            return found.isEmpty ? nil : Completion(start: start, candidates: found)
        }
        let (one, _) = EditorStateTests.state(["prin", Key.tab], complete: complete)
        #expect(EditorStateTests.shown(one) == "print|")
        var (several, actions) = EditorStateTests.state(["x = o", Key.tab], complete: complete)
        #expect(actions.last == .bell)
        #expect(several.handle(.tab) == .listCompletions(["ok", "output"]))
        let (prefix, _) = EditorStateTests.state(["pa", Key.tab], complete: complete)
        #expect(EditorStateTests.shown(prefix) == "parallel|")
        let (none, noneActions) = EditorStateTests.state(["zz", Key.tab], complete: complete)
        #expect(noneActions.last == .bell)
        #expect(none.text == "zz")
        let (indent, _) = EditorStateTests.state(["a", Key.insertNewline, Key.tab], complete: complete)
        #expect(EditorStateTests.shown(indent) == "a\n  |")
    }

    @Test func controlKeysThatTheEditorActsOn() {
        #expect(EditorStateTests.state(["abc", Key.control("c")]).1.last == .interrupt)
        #expect(EditorStateTests.state([Key.control("l")]).1 == [.clearScreen])
        #expect(EditorStateTests.state([Key.control("z")]).1 == [.suspend])
        #expect(EditorStateTests.state([Key.escape, Key.unknown, Key.control("q")]).1 == [.none, .none, .none])
    }

    @Test func startingANewInputKeepsTheKillBuffer() {
        var (s, _) = EditorStateTests.state(["keep me", Key.control("u")])
        s.startInput(history: ["x"])
        #expect(s.text == "")
        _ = s.handle(.control("y"))
        #expect(s.text == "keep me")
    }
}
