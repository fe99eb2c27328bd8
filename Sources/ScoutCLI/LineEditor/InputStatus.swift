/// Whether an input is a whole statement: Enter submits a complete one, and continues an
/// incomplete one on a new line indented by `indent` spaces.
enum InputStatus: Equatable, Sendable {
    case complete
    case incomplete(indent: Int)
}
