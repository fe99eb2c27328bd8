import Testing

/// The REPL through the built binary, on a pipe and on a pseudo-terminal: one test at a time,
/// so that the timing tests of other suites do not share the two cores with a crowd of scouts.
@Suite(.serialized) enum REPLBinaryTests {}
