extension Expression {
    /// Calls `body` with each variable the expression reads, and where; iterative, so deep
    /// expressions cannot overflow the stack.
    package func forEachVariable(_ body: (String, SourceSpan) -> Void) {
        var pending = [self]
        while let next = pending.popLast() {
            switch next.kind {
            case .literal: break
            case .variable(let name): body(name, next.span)
            case .interpolated(let parts):
                for case .interpolation(let inner) in parts { pending.append(inner) }
            case .list(let elements): pending += elements
            case .map(let entries): pending += entries.map(\.value)
            case .member(let base, _): pending.append(base)
            case .index(let base, let index): pending += [base, index]
            case .call(_, let arguments): pending += arguments
            case .unary(_, let operand): pending.append(operand)
            case .binary(_, let l, let r): pending += [l, r]
            }
        }
    }
}
