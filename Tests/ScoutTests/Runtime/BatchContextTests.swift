import Testing
@testable import Scout

extension RuntimeTests {
    /// `BatchContext`: variables with dot paths and indexes, the `output` fallthrough, results,
    /// early exit, export, and concurrent writers.
    @Suite struct BatchContextTests {
        @Test func theGuidesExampleReadsAFieldWithDotNotation() throws {
            let context = BatchContext()
            try context.setVar("version", "1.0.0")
            try context.setVar("build_id", 123)
            try context.setVar("result", ["status": "success", "output": "data"])
            #expect(context.getVar("version") == "1.0.0")
            #expect(context.getVar("build_id") == 123)
            #expect(context.getVar("result.output") == "data")
            #expect(context.getVar("result.status") == "success")
        }

        @Test func theSubscriptReadsWhatGetVarReads() throws {
            let context = BatchContext()
            try context.setVar("result", ["status": "success", "items": [["name": "first"]]])
            #expect(context["result.status"] == "success")
            #expect(context["result.items[0].name"] == "first")
            #expect(context["result.missing"] == nil)
            #expect(context["not a path["] == nil)
        }

        @Test func initialVariablesAreThere() {
            let context = BatchContext(initialVars: ["env": "prod", "count": 2])
            #expect(context.getVar("env") == "prod")
            #expect(context.getVar("count") == 2)
            #expect(context.variables.keys == ["count", "env"])
            let ordered = BatchContext(variables: ValueMap([("z", 1), ("a", 2)]))
            #expect(ordered.variables.keys == ["z", "a"])
        }

        static let paths: [(String, Value?)] = [
            ("items[0].name", "first"),
            ("items.0.name", "first"),
            ("items[1].tags[1]", "y"),
            ("items.1.tags.0", "x"),
            ("items[-1].name", "second"),
            ("items[2]", nil),
            ("items[2].name", nil),
            ("items.5", nil),
            ("meta[\"key with spaces\"]", true),
            ("meta['key with spaces']", true),
            ("meta.0", "zero"),
            ("items.name", nil),
            ("missing", nil),
            ("missing.field", nil),
            ("count.field", nil),
        ]

        @Test(arguments: paths)
        func pathsReadNestedValues(path: String, expected: Value?) throws {
            let context = BatchContext()
            try context.setVar("items", [["name": "first"], ["name": "second", "tags": ["x", "y"]]])
            try context.setVar("meta", ["key with spaces": true, "0": "zero"])
            try context.setVar("count", 3)
            #expect(context.getVar(path) == expected)
            #expect(context.hasVar(path) == (expected != nil))
        }

        @Test func resultFieldsFallThroughToTheirOutput() throws {
            let context = BatchContext()
            let result = TaskResult(status: .success, output: ["branch": "main", "clean": true, "status": "from output"])
            try context.setVar("git_status", result.toValue())
            #expect(context.getVar("git_status.branch") == "main")
            #expect(context.getVar("git_status.output.branch") == "main")
            #expect(context.getVar("git_status.clean") == true)
            #expect(context.getVar("git_status.status") == "success")
            #expect(context.getVar("git_status.ok") == true)
            #expect(context.getVar("git_status.nothing") == nil)
        }

        @Test func settingAPathCreatesTheMapsOnTheWay() throws {
            let context = BatchContext()
            try context.setVar("a.b.c", 1)
            try context.setVar("a.b.d", 2)
            try context.setVar("a.e", "x")
            #expect(context.getVar("a") == ["b": ["c": 1, "d": 2], "e": "x"])
            #expect(context.getVar("a")?.mapValue?.keys == ["b", "e"])
        }

        @Test func settingAListElementReplacesIt() throws {
            let context = BatchContext()
            try context.setVar("items", [["name": "a"], ["name": "b"]])
            try context.setVar("items[1].name", "B")
            try context.setVar("items.0", "first")
            try context.setVar("items[-1].extra", true)
            #expect(context.getVar("items") == ["first", ["name": "B", "extra": true]])
        }

        @Test func settingThroughSomethingThatIsNotAContainerFails() throws {
            let context = BatchContext()
            try context.setVar("n", 3)
            try context.setVar("items", [1, 2])
            #expect(throws: ValuePathError.notAContainer("int")) { try context.setVar("n.field", 1) }
            #expect(throws: ValuePathError.indexOutOfRange(2, count: 2)) { try context.setVar("items[2]", 1) }
            #expect(throws: ValuePathError.invalidPath("a..b")) { try context.setVar("a..b", 1) }
            #expect(throws: ValuePathError.invalidPath("")) { try context.setVar("", 1) }
            #expect(ValuePathError.indexOutOfRange(2, count: 2).description == "index 2 is out of range for a list of 2")
            #expect(ValuePathError.notAContainer("int").description == "cannot set a field inside a int")
            #expect(context.getVar("n") == 3)
            #expect(context.getVar("items") == [1, 2])
        }

        static let parsedPaths: [(String, String?)] = [
            ("result.output", "result.output"),
            ("items[0].name", "items[0].name"),
            ("items.0", "items[0]"),
            ("m[\"a b\"]", "m.a b"),
            ("a.", nil), ("a[", nil), ("a[x]", nil), (".a", nil), ("a[\"open]", nil), ("", nil),
        ]

        @Test(arguments: parsedPaths)
        func valuePathParsing(text: String, shown: String?) {
            #expect(ValuePath(parsing: text)?.description == shown)
        }

        @Test func removeAndReset() throws {
            let context = BatchContext(initialVars: ["a": 1, "b": 2])
            context.removeVar("a")
            #expect(context.getVar("a") == nil)
            context.recordResult(.success(), id: "task:0:x")
            context.setEarlyExit("why")
            context.reset()
            #expect(context.variables.isEmpty)
            #expect(context.results.isEmpty)
            #expect(!context.checkEarlyExit())
        }

        // MARK: - Results and early exit

        @Test func resultsAreKeptByIdInTheOrderTheyWereRecorded() {
            let context = BatchContext()
            context.recordResult(.success(output: "one"), id: "task:1:b")
            context.recordResult(.failure("bad"), id: "task:0:a")
            context.recordResult(.success(output: "again"), id: "task:1:b")
            #expect(context.results.map(\.status) == [.success, .failure, .success])
            #expect(context.result(id: "task:1:b")?.output == "again")
            #expect(context.result(id: "task:0:a")?.error == "bad")
            #expect(context.result(id: "task:9:z") == nil)
        }

        @Test func earlyExitKeepsTheFirstReason() {
            let context = BatchContext()
            #expect(!context.checkEarlyExit())
            #expect(context.earlyExitReason == nil)
            context.setEarlyExit("lint failed")
            context.setEarlyExit("test failed")
            #expect(context.checkEarlyExit())
            #expect(context.earlyExitReason == "lint failed")
            context.clearEarlyExit()
            #expect(!context.checkEarlyExit())
            context.setEarlyExit("later")
            #expect(context.earlyExitReason == "later")
        }

        @Test func toDictAndToJSONExportTheState() throws {
            let context = BatchContext()
            try context.setVar("env", "prod")
            var result = TaskResult(status: .failure, output: "out", error: "exit 1", exitCode: 1, durationMs: 5, attempts: 2, command: "run")
            result.stdout = "out\n"
            context.recordResult(result, id: "task:0:run")
            context.setEarlyExit("stop_if was true")
            let dict = context.toDict()
            #expect(dict["variables"] == ["env": "prod"])
            #expect(dict["early_exit"] == true)
            #expect(dict["early_exit_reason"] == "stop_if was true")
            let first = try #require(dict["results"]?[0])
            #expect(first["id"] == "task:0:run")
            #expect(first["status"] == "failure")
            #expect(first["failed"] == true)
            #expect(first["exit_code"] == 1)
            #expect(first["attempts"] == 2)
            #expect(first.mapValue?.keys.first == "id")
            #expect(context.toJSON(pretty: false) == dict.jsonText())
            #expect(try JSONParser.parse(context.toJSON()) == dict)
        }

        @Test func aFreshContextExportsEmptyState() {
            #expect(BatchContext().toJSON(pretty: false) == #"{"variables":{},"results":[],"early_exit":false,"early_exit_reason":null}"#)
        }

        // MARK: - VariableScope

        @Test func theContextIsTheTopLevelScope() {
            let context = BatchContext()
            context.define("a", 1)
            context.assign("b", 2)
            #expect(context.lookup("a") == 1)
            #expect(context.lookup("b") == 2)
            #expect(context.lookup("a.b") == nil)
            #expect(context.visibleNames() == ["a", "b"])
        }

        // MARK: - Concurrency

        @Test func concurrentWritersLoseNothing() async throws {
            let context = BatchContext()
            try context.setVar("shared", .map(ValueMap()))
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<500 {
                    group.addTask {
                        context.assign("v\(i)", .int(i))
                        try? context.setVar("shared.k\(i)", .int(i * 2))
                        context.recordResult(.success(output: .int(i)), id: "task:\(i):x")
                        _ = context.getVar("shared.k\(i / 2)")
                    }
                }
            }
            for i in 0..<500 {
                #expect(context.getVar("v\(i)") == .int(i))
                #expect(context.getVar("shared.k\(i)") == .int(i * 2))
            }
            #expect(context.results.count == 500)
            #expect(context.getVar("shared")?.mapValue?.count == 500)
        }
    }
}
