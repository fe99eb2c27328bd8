/// Turns a ``RegexNode`` into the instructions of a Pike VM; counted repetitions are
/// written out, so the program's size is capped.
struct RegexCompiler {
    /// The most instructions a pattern may compile to.
    static let maxInstructions = 20_000

    private(set) var program: [RegexInstruction] = []

    static func compile(_ node: RegexNode) throws(RegexSyntaxError) -> [RegexInstruction] {
        var compiler = RegexCompiler()
        try compiler.emit(node)
        try compiler.append(.match)
        return compiler.program
    }

    private mutating func append(_ instruction: RegexInstruction) throws(RegexSyntaxError) {
        guard program.count < RegexCompiler.maxInstructions else {
            throw RegexSyntaxError("pattern too large once its repetitions are written out (more than \(RegexCompiler.maxInstructions) steps)", at: 0)
        }
        program.append(instruction)
    }

    private mutating func emit(_ node: RegexNode) throws(RegexSyntaxError) {
        switch node {
        case .empty: break
        case .scalar(let s): try append(.scalar(s))
        case .any: try append(.any)
        case .set(let set): try append(.set(set))
        case .assertion(let a): try append(.assert(a))
        case .concatenation(let items):
            for item in items { try emit(item) }
        case .alternation(let branches):
            // split L1, next; L1: a; jump end; next: split L2, next2; ...; last branch
            var jumps: [Int] = []
            for (n, branch) in branches.enumerated() {
                if n < branches.count - 1 {
                    let split = program.count
                    try append(.split(split + 1, 0))
                    try emit(branch)
                    jumps.append(program.count)
                    try append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { try emit(inner) }
            if let max {
                // (x(x(x)?)?)?: each optional copy may be skipped to the end.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    try append(.split(program.count + 1, 0))
                    try emit(inner)
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                // L: split body, end; body; jump L
                let loop = program.count
                try append(.split(loop + 1, 0))
                try emit(inner)
                try append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
