/// The expression rules of the grammar, lowest precedence first:
///
/// ```ebnf
/// expression = or ;
/// or         = and { ( "||" | "or" ) and } ;
/// and        = equality { ( "&&" | "and" ) equality } ;
/// equality   = comparison { ( "==" | "!=" ) comparison } ;
/// comparison = coalesce { ( "<" | "<=" | ">" | ">=" | "in" ) coalesce } ;
/// coalesce   = term { "??" term } ;
/// term       = factor { ( "+" | "-" ) factor } ;
/// factor     = unary { ( "*" | "/" | "%" ) unary } ;
/// unary      = ( "!" | "not" | "-" ) unary | power ;
/// power      = postfix [ "**" unary ] ;
/// postfix    = primary { "." name | "[" expression "]" } ;
/// primary    = literal | string | call | NAME | "(" expression ")" | list | map ;
/// ```
extension Parser {
    /// Parses one expression.
    ///
    /// Chains (`a + b + c`, `a.b.c`, `xs[0][1]`) are parsed in loops but nest in the tree,
    /// and whatever walks the tree later (checker, evaluator, printer) recurses: so a whole
    /// expression deeper than ``Parser/maxDepth`` counting every link is an error too.
    mutating func expression() throws(Abort) -> Expression {
        let outermost = !inExpression
        inExpression = true
        defer { if outermost { inExpression = false } }
        try enter(peek.span)
        defer { leave() }
        let e = try or()
        // Each level of a tree takes at least one byte of its text of its own: an expression
        // written in at most maxDepth bytes is not walked (nearly all of them).
        if outermost, e.span.length == 0 || e.span.length > Parser.maxDepth, let deep = Parser.node(of: e, deeperThan: Parser.maxDepth) {
            report(.nestingTooDeep(limit: Parser.maxDepth), deep.span)
            nestingReported = true
            throw Abort()
        }
        return e
    }

    /// Each link of a chain nests the tree one level deeper: stop a chain before it is too
    /// deep to walk (or even to free: a tree a hundred thousand levels deep overflows the
    /// stack when it is released).
    mutating func checkChain(_ links: Int) throws(Abort) {
        if depth + links > Parser.maxDepth {
            report(.nestingTooDeep(limit: Parser.maxDepth), peek.span)
            nestingReported = true
            throw Abort()
        }
    }

    /// A node of `e` more than `limit` levels below it, if there is one; recurses at most
    /// `limit` levels deep.
    static func node(of e: Expression, deeperThan limit: Int) -> Expression? {
        if limit < 0 { return e }
        func below(_ c: Expression) -> Expression? { node(of: c, deeperThan: limit - 1) }
        switch e.kind {
        case .literal, .variable: return nil
        case .interpolated(let parts):
            for case .interpolation(let x) in parts { if let d = below(x) { return d } }
            return nil
        case .list(let elements), .call(_, let elements):
            for x in elements { if let d = below(x) { return d } }
            return nil
        case .map(let entries):
            for x in entries { if let d = below(x.value) { return d } }
            return nil
        case .member(let base, _), .unary(_, let base): return below(base)
        case .index(let l, let r), .binary(_, let l, let r): return below(l) ?? below(r)
        }
    }

    /// Parses an expression in which `{` does not start a map (conditions before a block).
    mutating func condition() throws(Abort) -> Expression {
        let saved = mapLiteralsAllowed
        mapLiteralsAllowed = false
        defer { mapLiteralsAllowed = saved }
        let e = try expression()
        try noAssignmentInCondition()
        return e
    }

    /// After a condition: `if x = 3` is a comparison written with one `=`.
    mutating func noAssignmentInCondition() throws(Abort) {
        if peek.kind == .equal {
            report(.hint("unexpected '=' in a condition", help: "to compare, write '=='"), peek.span)
            throw Abort()
        }
    }

    /// One level of left-associative binary operators: `next { op next }`, where `match`
    /// says which tokens are this level's operators. (Neither closure captures anything, so
    /// a level costs no allocation.)
    mutating func binaryLevel(
        _ match: (TokenKind) -> BinaryOperator?, next: (inout Parser) throws(Abort) -> Expression
    ) throws(Abort) -> Expression {
        var left = try next(&self)
        var links = 0
        while let op = match(peek.kind) {
            links += 1
            try checkChain(links)
            advance()
            let right = try next(&self)
            left = Expression(.binary(op, left, right), left.span.through(right.span))
        }
        return left
    }

    mutating func or() throws(Abort) -> Expression {
        try binaryLevel({ $0 == .pipePipe || $0 == .keyword(.or) ? .or : nil }) { (p: inout Parser) throws(Abort) in try p.and() }
    }

    mutating func and() throws(Abort) -> Expression {
        try binaryLevel({ $0 == .ampAmp || $0 == .keyword(.and) ? .and : nil }) { (p: inout Parser) throws(Abort) in try p.equality() }
    }

    mutating func equality() throws(Abort) -> Expression {
        try binaryLevel({ kind in
            switch kind {
            case .equalEqual: return .equal
            case .bangEqual: return .notEqual
            default: return nil
            }
        }) { (p: inout Parser) throws(Abort) in try p.comparison() }
    }

    mutating func comparison() throws(Abort) -> Expression {
        try binaryLevel({ kind in
            switch kind {
            case .less: return .less
            case .lessEqual: return .lessEqual
            case .greater: return .greater
            case .greaterEqual: return .greaterEqual
            case .keyword(.in): return .in
            default: return nil
            }
        }) { (p: inout Parser) throws(Abort) in try p.coalesce() }
    }

    mutating func coalesce() throws(Abort) -> Expression {
        try binaryLevel({ $0 == .questionQuestion ? .coalesce : nil }) { (p: inout Parser) throws(Abort) in try p.term() }
    }

    mutating func term() throws(Abort) -> Expression {
        try binaryLevel({ kind in
            switch kind {
            case .plus: return .add
            case .minus: return .subtract
            default: return nil
            }
        }) { (p: inout Parser) throws(Abort) in try p.factor() }
    }

    mutating func factor() throws(Abort) -> Expression {
        try binaryLevel({ kind in
            switch kind {
            case .star: return .multiply
            case .slash: return .divide
            case .percent: return .remainder
            default: return nil
            }
        }) { (p: inout Parser) throws(Abort) in try p.unary() }
    }

    mutating func unary() throws(Abort) -> Expression {
        let start = peek.span
        let op: UnaryOperator?
        if peek.kind == .bang || peek.kind == .keyword(.not) {
            op = .not
        } else if peek.kind == .minus {
            op = .negate
        } else {
            op = nil
        }
        guard let op else { return try power() }
        advance()
        try enter(start)
        defer { leave() }
        let operand = try unary()
        if op == .negate, case .literal(let v) = operand.kind {
            switch v {
            case .int(let i): return Expression(.literal(.int(-i)), start.through(operand.span))
            case .double(let d): return Expression(.literal(.double(-d)), start.through(operand.span))
            case .duration(let d): return Expression(.literal(.duration(.zero - d)), start.through(operand.span))
            default: break
            }
        }
        return Expression(.unary(op, operand), start.through(operand.span))
    }

    mutating func power() throws(Abort) -> Expression {
        let base = try postfix()
        guard peek.kind == .starStar else { return base }
        advance()
        try enter(base.span)
        defer { leave() }
        let exponent = try unary()
        return Expression(.binary(.power, base, exponent), base.span.through(exponent.span))
    }

    mutating func postfix() throws(Abort) -> Expression {
        var expr = try primary()
        var links = 0
        while true {
            if peek.kind == .dot || peek.kind == .leftBracket {
                links += 1
                try checkChain(links)
            }
            if peek.kind == .dot {
                advance()
                if peek.kind == .integer, let n = Int(peek.text) {
                    let index = advance()
                    expr = Expression(.index(expr, Expression(.literal(.int(n)), index.span)), expr.span.through(index.span))
                    continue
                }
                let name = try memberName()
                expr = Expression(.member(expr, name.text), expr.span.through(name.span))
            } else if peek.kind == .leftBracket {
                advance()
                let saved = mapLiteralsAllowed
                mapLiteralsAllowed = true
                defer { mapLiteralsAllowed = saved }
                let index = try expression()
                let close = try consume(.rightBracket)
                expr = Expression(.index(expr, index), expr.span.through(close.span))
            } else {
                return expr
            }
        }
    }

    /// A name after `.`: any identifier or keyword.
    mutating func memberName() throws(Abort) -> Token {
        switch peek.kind {
        case .identifier, .keyword: return advance()
        default:
            expect("a field name")
            throw error()
        }
    }

    mutating func primary() throws(Abort) -> Expression {
        let token = peek
        switch token.kind {
        case .integer:
            advance()
            guard let n = Int(token.text) else {
                report(.invalidNumber(token.text), token.span)
                throw Abort()
            }
            return Expression(.literal(.int(n)), token.span)
        case .float:
            advance()
            return Expression(.literal(.double(Double(token.text) ?? .nan)), token.span)
        case .duration:
            advance()
            guard let d = DurationUnit.parse(token.text) else {
                report(.invalidNumber(token.text), token.span)
                throw Abort()
            }
            return Expression(.literal(.duration(d)), token.span)
        case .keyword(.true):
            advance()
            return Expression(.literal(.bool(true)), token.span)
        case .keyword(.false):
            advance()
            return Expression(.literal(.bool(false)), token.span)
        case .keyword(.null):
            advance()
            return Expression(.literal(.null), token.span)
        case .rawString:
            advance()
            return Expression(.literal(.string(token.text)), token.span)
        case .stringStart:
            return try string()
        case .identifier:
            advance()
            if peek.kind == .leftParen, peek.span.offset == token.span.offset + token.span.length {
                return try call(token)
            }
            return Expression(.variable(token.text), token.span)
        case .leftParen:
            advance()
            let saved = mapLiteralsAllowed
            mapLiteralsAllowed = true
            defer { mapLiteralsAllowed = saved }
            skipNewlines()
            var inner = try expression()
            skipNewlines()
            let close = try consume(.rightParen)
            inner.span = token.span.through(close.span)
            return inner
        case .leftBracket:
            return try list()
        case .leftBrace where mapLiteralsAllowed:
            return try map()
        case .leftBrace:
            report(.mapInCondition, token.span)
            throw Abort()
        case .invalid:
            // The lexer has reported it.
            throw Abort()
        default:
            expect("an expression")
            throw error()
        }
    }

    /// `string = '"' { TEXT | "${" expression "}" } '"'`
    mutating func string() throws(Abort) -> Expression {
        let start = advance()
        var parts: [StringPart] = []
        while true {
            let token = peek
            switch token.kind {
            case .stringText:
                advance()
                // Indentation removed from a multi-line string can leave a piece with no text.
                if !token.text.isEmpty { parts.append(.text(token.text)) }
            case .interpolationStart:
                advance()
                if peek.kind == .interpolationEnd {
                    report(.emptyInterpolation, token.span.through(peek.span))
                    advance()
                    continue
                }
                let saved = mapLiteralsAllowed
                mapLiteralsAllowed = true
                let inner = try expression()
                mapLiteralsAllowed = saved
                try consume(.interpolationEnd)
                parts.append(.interpolation(inner))
            case .stringEnd:
                advance()
                let span = start.span.through(token.span)
                if parts.isEmpty { return Expression(.literal(.string("")), span) }
                if parts.count == 1, case .text(let t) = parts[0] { return Expression(.literal(.string(t)), span) }
                return Expression(.interpolated(parts), span)
            default:
                throw error()
            }
        }
    }

    /// `call = NAME "(" [ expression { "," expression } [ "," ] ] ")"`
    mutating func call(_ name: Token) throws(Abort) -> Expression {
        advance()  // (
        let saved = mapLiteralsAllowed
        mapLiteralsAllowed = true
        defer { mapLiteralsAllowed = saved }
        var arguments: [Expression] = []
        skipNewlines()
        while !check(.rightParen) {
            arguments.append(try expression())
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        let close = try consume(.rightParen)
        return Expression(.call(name.text, arguments), name.span.through(close.span))
    }

    /// `list = "[" [ expression { "," expression } [ "," ] ] "]"`
    mutating func list() throws(Abort) -> Expression {
        let open = advance()
        let saved = mapLiteralsAllowed
        mapLiteralsAllowed = true
        defer { mapLiteralsAllowed = saved }
        var elements: [Expression] = []
        skipNewlines()
        while !check(.rightBracket) {
            elements.append(try expression())
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        let close = try consume(.rightBracket)
        return Expression(.list(elements), open.span.through(close.span))
    }

    /// `map = "{" [ key ":" expression { "," key ":" expression } [ "," ] ] "}"`, key = NAME | string
    mutating func map() throws(Abort) -> Expression {
        let open = advance()
        var entries: [MapEntry] = []
        skipNewlines()
        while !check(.rightBrace) {
            let key: String
            switch peek.kind {
            case .rawString, .identifier, .keyword:
                key = advance().text
            case .stringStart:
                let keyExpr = try string()
                guard case .literal(.string(let k)) = keyExpr.kind else {
                    report(.unexpectedToken(found: "an interpolated string", expected: ["a key"]), keyExpr.span)
                    throw Abort()
                }
                key = k
            default:
                expect("a key (a name or a string)")
                throw error()
            }
            try consume(.colon)
            skipNewlines()
            entries.append(MapEntry(key: key, value: try expression()))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        let close = try consume(.rightBrace)
        return Expression(.map(entries), open.span.through(close.span))
    }
}
