import Testing
@testable import Scout

extension RuntimeTests {
    /// `JSONParser`: document-ordered keys, int versus float, escapes, and errors with line:column.
    @Suite struct JSONParserTests {
        @Test func objectKeysKeepDocumentOrder() throws {
            let v = try JSONParser.parse(#"{"b": 1, "a": 2, "c": {"z": 0, "y": 1}}"#)
            #expect(v.mapValue?.keys == ["b", "a", "c"])
            #expect(v["c"]?.mapValue?.keys == ["z", "y"])
        }

        @Test func aRepeatedKeyKeepsItsFirstPlaceAndLastValue() throws {
            let v = try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3}"#)
            #expect(v.mapValue?.keys == ["a", "b"])
            #expect(v["a"] == 3)
        }

        static let numbers: [(String, String, String)] = [
            ("42", "int", "42"), ("-7", "int", "-7"), ("0", "int", "0"), ("-0", "int", "0"),
            ("4.0", "float", "4.0"), ("1e3", "float", "1000.0"), ("2.5E-1", "float", "0.25"), ("-1.5e+2", "float", "-150.0"),
            ("9223372036854775807", "int", "9223372036854775807"),
            ("9223372036854775808", "float", "9.223372036854776e+18"),
        ]

        @Test(arguments: numbers)
        func numbersAreIntsUnlessTheyHaveAFractionOrExponent(text: String, type: String, shown: String) throws {
            let v = try JSONParser.parse(text)
            #expect(v.typeName == type)
            #expect(v.description == shown)
        }

        @Test func literalsAndWhitespace() throws {
            #expect(try JSONParser.parse(" \n\t true \r\n") == true)
            #expect(try JSONParser.parse("false") == false)
            #expect(try JSONParser.parse("null") == .null)
            #expect(try JSONParser.parse("[ ]") == [])
            #expect(try JSONParser.parse("{ }") == .map(ValueMap()))
        }

        @Test func escapesAreDecoded() throws {
            let v = try JSONParser.parse(#""q\" b\\ s\/ \b\f\n\r\t é \u00e9 \u4e2d""#)
            #expect(v == .string("q\" b\\ s/ \u{08}\u{0C}\n\r\t é é 中"))
        }

        @Test func surrogatePairsBecomeOneScalar() throws {
            let v = try JSONParser.parse(#""\ud83d\ude00 and \uD83D\uDE80""#)
            #expect(v == "😀 and 🚀")
            #expect(v.stringValue?.unicodeScalars.count == 7)
        }

        @Test func invalidUTF8IsAnErrorWithOrWithoutEscapes() throws {
            #expect(try JSONParser.parse(Array(#""plain ascii""#.utf8)) == "plain ascii")
            #expect(try JSONParser.parse(Array(#""tab\tthen \u00e9""#.utf8)) == "tab\tthen é")
            for bytes: [UInt8] in [[0x22, 0x61, 0xFF, 0x22], [0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], [0x22, 0xE9, 0x22]] {
                #expect(throws: JSONParseError.self, "\(bytes)") { try JSONParser.parse(bytes) }
            }
            #expect(try JSONParser.parse([0x22, 0xC3, 0xA9, 0x5C, 0x6E, 0x22]) == "é\n")
        }

        @Test func bytesParseLikeText() throws {
            #expect(try JSONParser.parse(Array(#"{"k": [1, "é"]}"#.utf8)) == ["k": [1, "é"]])
        }

        static let errors: [(String, String)] = [
            ("", "1:1: unexpected end of input, expected a value"),
            ("[1, 2", "1:6: unexpected end of input, expected ',' or ']'"),
            ("[1,]", "1:4: unexpected character ']', expected a value"),
            ("{\"a\" 1}", "1:6: expected ':' after the key"),
            ("{a: 1}", "1:2: expected a string key"),
            ("{\"a\": 1,}", "1:9: expected a string key"),
            ("01", "1:2: unexpected text after the JSON value"),
            ("1.", "1:3: invalid number: digits expected after '.'"),
            ("1e", "1:3: invalid number: digits expected in the exponent"),
            ("-", "1:2: invalid number"),
            ("tru", "1:1: invalid literal, expected 'true'"),
            ("\"abc", "1:5: unterminated string"),
            ("\"a\nb\"", "1:3: control character in a string"),
            (#""\x""#, "1:3: invalid escape '\\x'"),
            (#""\u12zz""#, "1:6: invalid \\u escape"),
            (#""\u12""#, "1:4: incomplete \\u escape"),
            (#""\ud83d""#, "1:8: unpaired surrogate in \\u escape"),
            (#""\ude00""#, "1:8: unpaired surrogate in \\u escape"),
            (#""\ud83d\u0041""#, "1:14: unpaired surrogate in \\u escape"),
            ("{\n  \"a\": 1,\n  \"b\": tru\n}", "3:8: invalid literal, expected 'true'"),
            ("[\"é\", x]", "1:7: unexpected character 'x', expected a value"),
            ("[1] [2]", "1:5: unexpected text after the JSON value"),
        ]

        @Test(arguments: errors)
        func errorsSayWhatAndWhere(text: String, message: String) {
            #expect {
                _ = try JSONParser.parse(text)
            } throws: { error in
                (error as? JSONParseError)?.description == message
            }
        }

        @Test func errorCarriesLineColumnAndOffset() {
            do {
                _ = try JSONParser.parse("[\n  1,\n  ?\n]")
                Issue.record("expected an error")
            } catch {
                #expect(error.line == 3)
                #expect(error.column == 3)
                #expect(error.offset == 9)
            }
        }

        @Test func nestingAtTheLimitParses() throws {
            let depth = JSONParser.maxDepth
            let text = String(repeating: "[", count: depth) + "7" + String(repeating: "]", count: depth)
            var v = try JSONParser.parse(text)
            for _ in 1..<depth { v = try #require(v[0]) }
            #expect(v == [7])
        }

        @Test func hostileNestingIsAnErrorNotACrash() {
            let text = String(repeating: "[", count: 100_000)
            #expect {
                _ = try JSONParser.parse(text)
            } throws: { error in
                (error as? JSONParseError)?.message == "nesting deeper than 512 levels"
            }
            let objects = String(repeating: #"{"a":"#, count: 10_000)
            #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(objects) }
        }

        @Test func invalidUTF8InAStringIsAnError() {
            let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x22]
            #expect {
                _ = try JSONParser.parse(bytes)
            } throws: { error in
                (error as? JSONParseError)?.message == "invalid UTF-8 in a string"
            }
        }
    }
}
