import Foundation
import Testing
@testable import Scout

extension RuntimeTests {
    /// `Value`: truthiness, equality, member access with the `output` fallthrough, text and JSON
    /// forms, and the Codable round trip through Foundation's coders.
    @Suite struct ValueTests {
        static let truthinessTable: [(Value, Bool)] = [
            (.bool(false), false), (.null, false), (.int(0), false), (.double(0.0), false), (.double(-0.0), false),
            (.string(""), false), (.list([]), false), (.map(ValueMap()), false), (.duration(.zero), false),
            (.bool(true), true), (.int(1), true), (.int(-1), true), (.double(0.5), true), (.double(.nan), true),
            (.double(.infinity), true), (.string("0"), true), (.string("false"), true), (.string(" "), true),
            (.list([.null]), true), (["k": .null], true), (.duration(.milliseconds(1)), true),
        ]

        @Test(arguments: truthinessTable)
        func truthiness(value: Value, expected: Bool) {
            #expect(value.isTruthy == expected, "\(value.jsonText())")
        }

        @Test func typeNamesAreThoseMessagesUse() {
            let values: [Value] = [nil, true, 1, 1.5, "s", .duration(.seconds(2)), [1], ["a": 1]]
            #expect(values.map(\.typeName) == ["null", "bool", "int", "float", "string", "duration", "list", "map"])
        }

        @Test func numbersCompareByValueAcrossIntAndFloat() {
            #expect(Value.int(1) == Value.double(1.0))
            #expect(Value.double(2.0) == Value.int(2))
            #expect(Value.int(1) != Value.double(1.5))
            #expect(Value.int(1) != Value.string("1"))
            #expect(Value.bool(true) != Value.int(1))
            #expect(Set<Value>([.int(1), .double(1.0), .int(2)]).count == 2)
            #expect(Value.list([1, "a"]) == Value.list([1.0, "a"]))
        }

        @Test func mapsAreEqualWhateverTheirOrderButKeepInsertionOrder() {
            let a: Value = ["x": 1, "y": 2]
            let b: Value = ["y": 2, "x": 1]
            #expect(a == b)
            #expect(a.mapValue?.keys == ["x", "y"])
            #expect(b.mapValue?.keys == ["y", "x"])
        }

        @Test func valueMapReplacesInPlaceAndRemoves() {
            var m = ValueMap([("a", 1), ("b", 2), ("c", 3)])
            m["a"] = 10
            #expect(m.keys == ["a", "b", "c"])
            #expect(m["a"] == 10)
            m["b"] = nil
            #expect(m.keys == ["a", "c"])
            #expect(m.values == [10, 3])
            #expect(m.count == 2)
            m["b"] = 4
            #expect(m.keys == ["a", "c", "b"])
            let repeated = ValueMap([("k", 1), ("j", 2), ("k", 3)])
            #expect(repeated.keys == ["k", "j"])
            #expect(repeated["k"] == 3)
        }

        @Test func memberFallsThroughToAMapOutputButOwnFieldsWin() {
            let result: Value = ["status": "success", "output": ["branch": "main", "status": "dirty"]]
            #expect(result.member("branch") == "main")
            #expect(result["branch"] == "main")
            #expect(result.member("status") == "success")
            #expect(result.member("missing") == nil)
            let textOutput: Value = ["output": "plain"]
            #expect(textOutput.member("length") == nil)
            #expect(Value.string("x").member("a") == nil)
        }

        @Test func listSubscriptCountsNegativeIndexesFromTheEnd() {
            let l: Value = ["a", "b", "c"]
            #expect(l[0] == "a")
            #expect(l[-1] == "c")
            #expect(l[-3] == "a")
            #expect(l[3] == nil)
            #expect(l[-4] == nil)
            #expect(Value.string("abc")[0] == nil)
        }

        @Test func accessorsGiveTheValueOfTheirKindOnly() {
            #expect(Value.double(3.0).intValue == 3)
            #expect(Value.double(3.5).intValue == nil)
            #expect(Value.int(2).doubleValue == 2.0)
            #expect(Value.string("2").intValue == nil)
            #expect(Value.bool(true).boolValue == true)
            #expect(Value.int(1).boolValue == nil)
            #expect(Value.null.isNull)
            #expect(!Value.string("").isNull)
        }

        @Test func descriptionShowsStringsAsTheyAreAndOtherValuesAsJSON() {
            #expect(Value.string("hi \"you\"").description == "hi \"you\"")
            #expect(Value.list(["a", 1, nil, true]).description == #"["a",1,null,true]"#)
            #expect(Value.double(3.0).description == "3.0")
            #expect(Value.double(0.1).description == "0.1")
            #expect(Value.duration(.milliseconds(250)).description == "250ms")
            #expect(Value.list([.duration(.seconds(2))]).description == #"["2s"]"#)
        }

        @Test func jsonTextKeepsKeyOrderAndEscapes() {
            let v: Value = ["z": 1, "a": ["q\"uote", "back\\slash", "new\nline", "tab\t", "\u{01}", "é"], "n": nil]
            #expect(v.jsonText() == #"{"z":1,"a":["q\"uote","back\\slash","new\nline","tab\t","\u0001","é"],"n":null}"#)
            #expect(Value.double(.nan).jsonText() == "null")
            #expect(Value.double(-.infinity).jsonText() == "null")
            #expect(Value.map(ValueMap()).jsonText() == "{}")
            #expect(Value.list([]).jsonText(pretty: true) == "[]")
        }

        @Test func prettyJSONIndentsByTwoSpaces() {
            let v: Value = ["a": [1, 2], "b": ["c": true]]
            #expect(v.jsonText(pretty: true) == """
                {
                  "a": [
                    1,
                    2
                  ],
                  "b": {
                    "c": true
                  }
                }
                """)
        }

        static let durations: [(Duration, String)] = [
            (.zero, "0s"), (.milliseconds(250), "250ms"), (.seconds(2), "2s"), (.seconds(300), "5m"),
            (.seconds(3600), "1h"), (.seconds(90), "90s"), (.milliseconds(1500), "1500ms"),
            (.microseconds(1500), "1500us"), (.nanoseconds(1_500_001), "1.500001ms"), (.seconds(-2), "-2s"),
            (.seconds(10_000_000_000), "10000000000.0s"), (.seconds(-10_000_000_000), "-10000000000.0s"),
            (.seconds(Int64.max), "9.223372036854776e+18s"),
        ]

        @Test(arguments: durations)
        func durationsAreWrittenInTheLanguagesNotation(duration: Duration, text: String) {
            #expect(Value.formatDuration(duration) == text)
        }

        @Test func durationHelpers() {
            #expect(Duration.milliseconds(1500).seconds == 1.5)
            #expect(Duration.milliseconds(1500).milliseconds == 1500)
        }

        // MARK: - Codable through Foundation

        static let roundTrips: [Value] = [
            nil, true, false, 0, 42, -7, .int(.max), 1.5, -0.25, "", "text with \"quotes\" and é and 😀",
            [], [1, "two", 3.5, nil, false], ["a": 1, "b": ["c": [true, nil]], "d": "x"],
            ["steps": [["command": "run", "args": ["cmd": "make"]]]],
        ]

        @Test(arguments: roundTrips)
        func codableRoundTripThroughFoundation(value: Value) throws {
            let data = try JSONEncoder().encode(value)
            let decoded = try JSONDecoder().decode(Value.self, from: data)
            #expect(decoded == value)
            #expect(decoded.typeName == value.typeName)
        }

        @Test func decodingKeepsIntsBoolsAndFloatsApart() throws {
            let json = Data(#"{"i": 3, "b": true, "f": 2.5, "s": "3", "n": null, "l": [1, false]}"#.utf8)
            let v = try JSONDecoder().decode(Value.self, from: json)
            guard case .map(let m) = v else {
                Issue.record("expected a map, got \(v)")
                return
            }
            #expect(m["i"].map { if case .int(3) = $0 { true } else { false } } == true)
            #expect(m["b"].map { if case .bool(true) = $0 { true } else { false } } == true)
            #expect(m["f"].map { if case .double(2.5) = $0 { true } else { false } } == true)
            #expect(m["s"] == "3")
            #expect(m["n"] == .null)
            #expect(m["l"].map { if case .list([.int(1), .bool(false)]) = $0 { true } else { false } } == true)
        }

        @Test func durationsAndNonFiniteFloatsEncodeAsJSONCanCarryThem() throws {
            let v: Value = ["wait": .duration(.seconds(2)), "bad": .double(.nan)]
            let data = try JSONEncoder().encode(v)
            let decoded = try JSONDecoder().decode(Value.self, from: data)
            #expect(decoded == ["wait": "2s", "bad": nil])
        }

        @Test func valuesNestInsideOtherCodableTypes() throws {
            struct Envelope: Codable, Equatable {
                var name: String
                var payload: Value
            }
            let envelope = Envelope(name: "build", payload: ["ok": true, "files": ["a.c", "b.c"]])
            let decoded = try JSONDecoder().decode(Envelope.self, from: try JSONEncoder().encode(envelope))
            #expect(decoded == envelope)
        }
    }
}
