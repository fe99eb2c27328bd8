@testable import ScoutCLI
import Testing

/// Where the renderer puts the prompt, the input and the cursor: wrapping, wide characters,
/// continuation lines; and the escape sequences of a redraw.
@Suite(.serialized) struct RendererTests {
    static let prompt = Prompt("scout> ")
    static let continuation = Prompt("  ...> ")

    static func layout(_ text: String, cursor: Int? = nil, width: Int) -> Renderer.Layout {
        let chars = Array(text)
        return Renderer.layout(prompt: prompt, continuation: continuation, text: chars, cursor: cursor ?? chars.count, width: width)
    }

    @Test func aShortLineStaysOnOneRow() {
        let l = RendererTests.layout("print 1", width: 80)
        #expect(l == Renderer.Layout(cursorRow: 0, cursorColumn: 14, endRow: 0, endColumn: 14, endsAtMargin: false))
        #expect(RendererTests.layout("print 1", cursor: 2, width: 80).cursorColumn == 9)
    }

    @Test func aLongLineWrapsAndTheCursorFollows() {
        // 7 columns of prompt, then 25 characters on a 10-column terminal: rows of 10.
        let text = String(repeating: "x", count: 25)
        let l = RendererTests.layout(text, width: 10)
        #expect(l.endRow == 3)
        #expect(l.endColumn == 2)
        let middle = RendererTests.layout(text, cursor: 3, width: 10)
        #expect(middle.cursorRow == 1)
        #expect(middle.cursorColumn == 0)
    }

    @Test func aFullLastRowPutsTheCursorOnTheNextOne() {
        let l = RendererTests.layout("abc", width: 10)
        #expect(l.endsAtMargin)
        #expect(l.endRow == 1)
        #expect(l.endColumn == 0)
        #expect(l.cursorRow == 1)
    }

    @Test func aWideCharacterThatDoesNotFitGoesToTheNextRow() {
        // "ab" fills columns 7 and 8; 日 needs two columns and only one is left.
        let l = RendererTests.layout("ab日c", cursor: 2, width: 10)
        #expect(l.cursorRow == 1)
        #expect(l.cursorColumn == 0)
        let end = RendererTests.layout("ab日c", width: 10)
        #expect(end.endRow == 1)
        #expect(end.endColumn == 3)
        let emoji = RendererTests.layout("🎉🎉", width: 80)
        #expect(emoji.endColumn == 11)
    }

    @Test func continuationLinesHaveTheirPrompt() {
        let l = RendererTests.layout("task b {\n  run \"x\"\n}", width: 80)
        #expect(l.endRow == 2)
        #expect(l.endColumn == 8)
        let onSecond = RendererTests.layout("task b {\n  run \"x\"\n}", cursor: 11, width: 80)
        #expect(onSecond.cursorRow == 1)
        #expect(onSecond.cursorColumn == 9)
    }

    @Test func redrawGoesBackToTheFirstRowAndClearsBelow() {
        var r = Renderer()
        let first = r.draw(prompt: RendererTests.prompt, continuation: RendererTests.continuation, text: Array("ab"), cursor: 1, width: 80)
        #expect(first == "\r\u{1B}[Jscout> ab\r\u{1B}[8C")
        let second = r.draw(prompt: RendererTests.prompt, continuation: RendererTests.continuation, text: Array("a\nb"), cursor: 3, width: 80)
        #expect(second == "\r\u{1B}[Jscout> a\r\n  ...> b\r\u{1B}[8C")
        let third = r.draw(prompt: RendererTests.prompt, continuation: RendererTests.continuation, text: Array("a\nbc"), cursor: 0, width: 80)
        #expect(third == "\u{1B}[1A\r\u{1B}[Jscout> a\r\n  ...> bc\u{1B}[1A\r\u{1B}[7C")
        #expect(r.moveBelow() == "\u{1B}[1B\r\n")
        #expect(r.draw(prompt: RendererTests.prompt, continuation: RendererTests.continuation, text: [], cursor: 0, width: 80) == "\r\u{1B}[Jscout> \r\u{1B}[7C")
    }

    @Test func afterAResizeTheCursorRowIsWorkedOutAgain() {
        var r = Renderer()
        let text = Array(String(repeating: "y", count: 30))
        _ = r.draw(prompt: RendererTests.prompt, continuation: RendererTests.continuation, text: text, cursor: 30, width: 80)
        #expect(r.cursorRow == 0)
        r.resized(to: 10)
        #expect(r.cursorRow == 3)
    }

    @Test func candidatesAreListedInColumns() {
        let items = ["attempts", "command", "error", "ok", "output"]
        #expect(Renderer.columns(items, width: 40) == "attempts  error     output\r\ncommand   ok\r\n")
        #expect(Renderer.columns(items, width: 5) == items.map { $0 + "\r\n" }.joined())
    }
}
